package io.jtractor.internal.runtime;

import io.jtractor.SpawnFailed;
import io.jtractor.SpawnOptions;
import io.jtractor.TransportClosed;
import io.jtractor.ActorId;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.RawValue;
import io.jtractor.internal.spawn.ActorMain;
import io.jtractor.internal.spawn.ChildProcess;
import io.jtractor.sc.CancelScope;
import io.jtractor.sc.Cancelled;
import io.jtractor.sc.ExceptionGroup;
import io.jtractor.sc.Nursery;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery of an actor nursery: spawning children, supervising them one-cancels-all, and
 * tearing them down with the cancel ladder (SPEC A2-A10).
 *
 * <p><b>Implementation overview.</b> The nursery owns a task nursery ({@code supervisors}) whose
 * scope encloses the user's body. Every child gets one supervisor task: for a daemon it waits
 * for the child's process to exit; for {@code runInActor} it runs the function and records its
 * result. A child's own failure (its function raised, or it died with a non-zero exit code
 * nobody asked for) is recorded in {@code failures} and cancels the supervisor nursery, hence
 * every other supervisor and the body (one-cancels-all); {@link #close()} raises the recorded
 * failures, one as itself and several as an {@link ExceptionGroup}. Failures are kept here
 * rather than raised by the supervisor tasks so that a child's real error that arrives while it
 * is being cancelled (SPEC C11) is reported in the group, not swallowed as a consequence of the
 * cancellation. A cancelled supervisor runs the ladder for its child in a shielded scope: a
 * graceful cancel request, then SIGTERM, then SIGKILL, each bounded, and waits for the exit;
 * children are torn down in parallel because each has its own supervisor.
 *
 * <p>When outcomes collide (SPEC E8) the report is, in order: a child's real error, a
 * cancellation, a lost connection, a process death. A function whose call failed because the
 * connection was lost carries the process's exit as a suppressed exception; an exit caused by
 * the ladder is no failure at all; a daemon's unexpected death fails the connection first, so
 * the body's contexts into it raise {@link TransportClosed} while the death itself is what the
 * nursery raises (attached to the body's error as suppressed when the body failed too).
 *
 * <p>{@code pendingResults}, {@code children}, {@code failures}, {@code failedChildren} and
 * {@code failuresRaised} are guarded by {@code lock}; {@code resultsDone} is signalled when
 * {@code pendingResults} drops or a failure is recorded.
 */
public final class ActorNurseryCore {

    private static final Logger log = LoggerFactory.getLogger(ActorNurseryCore.class);

    /** How long a child that acknowledged the cancel request may take to exit before SIGTERM. */
    private static final Duration EXIT_AFTER_ACK = Duration.ofSeconds(3);

    /** How long a child whose connection broke during spawning may take to exit. */
    private static final Duration EXIT_AFTER_FAILED_SPAWN = Duration.ofSeconds(2);

    private final ActorRuntime runtime;
    private final boolean ownsRuntime;
    private final Nursery supervisors;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition resultsDone = lock.newCondition();
    private int pendingResults;
    private final List<PortalImpl> children = new ArrayList<>();
    private final List<RuntimeException> failures = new ArrayList<>();
    private final Set<PortalImpl> failedChildren = new HashSet<>();
    private int failuresRaised;
    /** Set by {@link #cancel()}, read by the owner in {@link #join()}. */
    private volatile boolean cancelledByUser;

    private ActorNurseryCore(ActorRuntime runtime, boolean ownsRuntime) {
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        this.supervisors = Nursery.open("actor-nursery");
        runtime.addUserScope(supervisors.cancelScope());
    }

    /** Opens a nursery, starting the root actor when this process has no runtime (SPEC A1). */
    public static ActorNurseryCore open() {
        return open(() -> ActorRuntime.startRoot("root", RuntimeConfig.defaults()));
    }

    /**
     * Opens a nursery; when this process has no runtime, {@code rootStarter} starts the root
     * actor, which the nursery then owns and ends when it closes (SPEC A1).
     */
    public static ActorNurseryCore open(Supplier<ActorRuntime> rootStarter) {
        var runtime = ActorRuntime.current();
        boolean owns = false;
        if (runtime == null) {
            runtime = rootStarter.get();
            owns = true;
        }
        return new ActorNurseryCore(runtime, owns);
    }

    // ---- spawning ----------------------------------------------------------------------------

    public PortalImpl startActor(String name, SpawnOptions options) {
        var portal = spawn(name, options);
        supervisors.startSoon("supervise-" + name, () -> supervise(portal, null, null));
        return portal;
    }

    public PortalImpl runInActor(String name, Serializable fn, Object[] args) {
        var endpoint = FunctionRefs.resolve(fn);
        if (endpoint.kind() != EndpointKind.PLAIN) {
            throw new IllegalArgumentException("runInActor runs a plain function; "
                    + endpoint.signature() + " is a " + endpoint.kind().name().toLowerCase()
                    + " endpoint");
        }
        var kwargs = Connection.encodeArgs(endpoint.name(args));
        var portal = spawn(name, SpawnOptions.exposing(endpoint.owner()));
        portal.expectResult(endpoint.resultType());
        lock.lock();
        try {
            pendingResults++;
        } finally {
            lock.unlock();
        }
        supervisors.startSoon("run-in-" + name, () -> supervise(portal, endpoint, kwargs));
        return portal;
    }

    private PortalImpl spawn(String name, SpawnOptions options) {
        CancelScope.checkpoint();
        var child = ActorId.random(name);
        var pending = runtime.expectChild(child);
        var level = options.logLevel() != null ? options.logLevel() : runtime.config().logLevel();
        var readyBound = options.startTimeout() != null ? options.startTimeout()
                : runtime.config().spawnTimeout();
        var process = ChildProcess.start(name, ActorMain.class.getName(),
                List.of(child.name(), child.uuid(), runtime.listenAddr().toString(), level),
                options.jvmOptions(), options.environment());
        process.onExit().thenRun(pending::processExited);
        long deadline = System.nanoTime() + readyBound.toNanos();
        Connection conn = null;
        try {
            conn = pending.await(readyBound.toNanos());
            if (conn == null) {
                throw new IllegalStateException(process.isAlive()
                        ? "it did not connect back within " + readyBound.toMillis() + " ms"
                        : "its process exited before connecting back");
            }
            conn.send(spawnSpec(options, level));
            conn.callSelf("ping", Map.of(),
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (Cancelled c) {
            runtime.forgetChild(child);
            process.kill();
            process.awaitExitUninterruptibly();
            if (conn != null) {
                conn.close();
            }
            throw c;
        } catch (RuntimeException e) {
            throw spawnFailed(name, child, process, conn, e);
        }
        var portal = new PortalImpl(conn, process);
        lock.lock();
        try {
            children.add(portal);
        } finally {
            lock.unlock();
        }
        log.debug("spawned actor {} (pid {}) exposing {}", child, process.pid(),
                options.exposed());
        return portal;
    }

    /**
     * A child failed before it was ready: makes sure its process is gone (a child that reported
     * its failure gets a moment to exit on its own) and describes what it left behind.
     */
    private SpawnFailed spawnFailed(String name, ActorId child, ChildProcess process,
            Connection conn, RuntimeException failure) {
        runtime.forgetChild(child);
        boolean exiting = !process.isAlive() || (conn != null && !conn.isOpen());
        if (!exiting || !process.awaitExitQuietly(EXIT_AFTER_FAILED_SPAWN)) {
            process.kill();
            process.awaitExitUninterruptibly();
        }
        if (conn != null) {
            conn.close();
        }
        process.drainOutput(Duration.ofSeconds(1));
        var reported = conn == null ? null : conn.unattributedError();
        var cause = reported != null ? reported : failure;
        log.debug("actor {} failed before it was ready: {}", child, cause.toString());
        return new SpawnFailed(name, process.exitCode(), process.errorTail(), cause);
    }

    private Msg.SpawnSpec spawnSpec(SpawnOptions options, String level) {
        var modules = new LinkedHashMap<String, Object>();
        for (var name : options.exposed()) {
            modules.put(name, "");
        }
        // Discovery hands down the tree's root and the registrar (D2); without it, this actor.
        var ext = runtime.extension();
        var registry = ext != null ? ext.registryAddrs() : List.<Object>of();
        var vars = new LinkedHashMap<String, Object>();
        vars.put("_is_root", false);
        vars.put("_root_mailbox", ext != null ? ext.rootAddr() : runtime.listenAddr().toWire());
        vars.put("_registry_addrs", registry);
        vars.put("_debug_mode", false);
        vars.put("loglevel", level);
        return new Msg.SpawnSpec(Map.of(), vars, modules, registry, null);
    }

    // ---- supervision -------------------------------------------------------------------------

    private void supervise(PortalImpl portal, Endpoint endpoint, Map<String, RawValue> kwargs) {
        try {
            if (endpoint != null) {
                runFunction(portal, endpoint, kwargs);
            } else {
                portal.process().awaitExit();
            }
        } catch (InterruptedException | Cancelled e) {
            // The nursery is being torn down; the ladder below ends the child.
        } finally {
            CancelScope.shielded(s -> {
                teardown(portal);
                return null;
            });
        }
    }

    private void runFunction(PortalImpl portal, Endpoint endpoint, Map<String, RawValue> kwargs) {
        try {
            var value = portal.call(endpoint.owner().getName(), endpoint.method().getName(),
                    kwargs, endpoint.resultType());
            portal.deliverResult(value, null);
        } catch (Cancelled c) {
            portal.deliverResult(null, c);
            throw c;
        } catch (RuntimeException e) {
            if (e instanceof TransportClosed) {
                attachExit(portal, e);
            }
            portal.deliverResult(null, e);
            childFailed(portal, e);
        } finally {
            lock.lock();
            try {
                pendingResults--;
                resultsDone.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** A call lost its connection: the process's exit, if it follows, says why (SPEC E8). */
    private static void attachExit(PortalImpl portal, RuntimeException lost) {
        var process = portal.process();
        if (process.awaitExitQuietly(EXIT_AFTER_FAILED_SPAWN)) {
            lost.addSuppressed(new TransportClosed("actor " + portal.actor() + " (pid "
                    + process.pid() + ") " + process.describeExit(), null));
        }
    }

    private void childFailed(PortalImpl portal, RuntimeException failure) {
        log.debug("child actor {} failed: {}", portal.actor(), failure.toString());
        lock.lock();
        try {
            failures.add(failure);
            failedChildren.add(portal);
            resultsDone.signalAll();
        } finally {
            lock.unlock();
        }
        supervisors.cancelScope().cancel(portal.actor(), "child actor " + portal.actor()
                + " failed", failure);
    }

    /**
     * The cancel ladder (SPEC A6): a cancel request, SIGTERM when it is not acknowledged in
     * time (or the child does not exit after acknowledging), SIGKILL when SIGTERM does not end
     * it either; then waits for the exit and for the child's output.
     */
    private void teardown(PortalImpl portal) {
        var process = portal.process();
        var config = runtime.config();
        boolean cancelRequested = portal.isCancelRequested();
        if (process.isAlive() && !portal.connection().isOpen()) {
            // The child hung up: it is ending on its own, or dying; let it finish first.
            process.awaitExitQuietly(config.terminateGrace());
        }
        if (!process.isAlive() && !cancelRequested && process.exitCode() != 0) {
            reportDeath(portal);
        }
        if (process.isAlive()) {
            boolean acked = portal.cancelActor(config.actorCancelTimeout());
            // A child that acknowledged, or hung up (it is ending), gets time to exit.
            boolean ending = acked || !portal.connection().isOpen();
            if (!ending || !process.awaitExitQuietly(EXIT_AFTER_ACK)) {
                log.info("actor {} (pid {}) {}: SIGTERM", portal.actor(), process.pid(), ending
                        ? "did not exit within " + EXIT_AFTER_ACK.toMillis() + " ms of "
                                + (acked ? "acknowledging the cancel request" : "hanging up")
                        : "did not acknowledge the cancel request within "
                                + config.actorCancelTimeout().toMillis() + " ms");
                process.terminate();
                if (!process.awaitExitQuietly(config.terminateGrace())) {
                    log.info("actor {} (pid {}) still running {} ms after SIGTERM: SIGKILL",
                            portal.actor(), process.pid(), config.terminateGrace().toMillis());
                    process.kill();
                    process.awaitExitUninterruptibly();
                }
            }
        }
        portal.connection().close();
        process.drainOutput(Duration.ofSeconds(1));
        log.debug("actor {} (pid {}) reaped: {}", portal.actor(), process.pid(),
                process.describeExit());
    }

    /**
     * A child died with a non-zero exit code before anyone asked it to end. Its dialogs fail
     * with {@link TransportClosed} first (SPEC C12), then the death is the child's failure,
     * unless the child already failed otherwise (SPEC E8).
     */
    private void reportDeath(PortalImpl portal) {
        var process = portal.process();
        var death = new TransportClosed("actor " + portal.actor() + " (pid " + process.pid()
                + ") died unexpectedly: " + process.describeExit(), null);
        portal.connection().lost(death);
        boolean known;
        lock.lock();
        try {
            known = failedChildren.contains(portal);
        } finally {
            lock.unlock();
        }
        if (!known) {
            childFailed(portal, death);
        }
    }

    // ---- waiting and closing -------------------------------------------------------------

    /**
     * Waits until every runInActor function has finished. When a child fails, or the nursery
     * is cancelled with {@link #cancel()}, closes the nursery, which raises the failures.
     */
    public void join() {
        boolean endEarly;
        lock.lock();
        try {
            while (pendingResults > 0 && failures.size() == failuresRaised && !cancelledByUser) {
                try {
                    resultsDone.await();
                } catch (InterruptedException e) {
                    if (failures.size() > failuresRaised || cancelledByUser) {
                        break;
                    }
                    throw CancelScope.interrupted(e);
                }
            }
            endEarly = failures.size() > failuresRaised || cancelledByUser;
        } finally {
            lock.unlock();
        }
        if (endEarly) {
            close();
        }
    }

    /**
     * Cancels every remaining child, waits until every child process has exited, then raises
     * the children's failures that were not raised yet.
     */
    public void close() {
        RuntimeException internal = null;
        try {
            supervisors.close();
        } catch (RuntimeException e) {
            internal = e;
        } finally {
            runtime.removeUserScope(supervisors.cancelScope());
            if (ownsRuntime) {
                runtime.shutdown("the root actor nursery closed", runtime.id());
                runtime.awaitEnd(Duration.ofSeconds(10));
            }
        }
        raiseFailures(internal);
    }

    private void raiseFailures(RuntimeException internal) {
        var fresh = new ArrayList<Throwable>();
        lock.lock();
        try {
            fresh.addAll(failures.subList(failuresRaised, failures.size()));
            failuresRaised = failures.size();
        } finally {
            lock.unlock();
        }
        if (internal != null) {
            fresh.add(internal);
        }
        ExceptionGroup.raise("actor nursery of " + runtime.id() + " failed", fresh);
    }

    public void cancel() {
        cancelledByUser = true;
        supervisors.cancel("actor nursery of " + runtime.id() + " cancelled");
    }

    public ActorRuntime runtime() {
        return runtime;
    }

    public List<PortalImpl> children() {
        lock.lock();
        try {
            return List.copyOf(children);
        } finally {
            lock.unlock();
        }
    }
}
