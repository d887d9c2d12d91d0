package io.jtractor.internal.runtime;

import io.jtractor.SpawnFailed;
import io.jtractor.SpawnOptions;
import io.jtractor.TransportClosed;
import io.jtractor.internal.msg.ActorId;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.spawn.ActorMain;
import io.jtractor.internal.spawn.ChildProcess;
import io.jtractor.sc.CancelScope;
import io.jtractor.sc.Cancelled;
import io.jtractor.sc.Nursery;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery of an actor nursery: spawning children, supervising them one-cancels-all, and
 * tearing them down with the cancel ladder (SPEC A2-A10).
 *
 * <p><b>Implementation overview.</b> The nursery owns a task nursery ({@code supervisors}) whose
 * scope encloses the user's body. Every child gets one supervisor task that waits for the child's
 * process to exit; for {@code runInActor} the task first runs the function and records its result.
 * A failure of any supervisor (a failed function, a child that died unasked) cancels the
 * supervisor nursery, hence every other supervisor and the body (one-cancels-all). A cancelled
 * supervisor runs the ladder for its child in a shielded scope: a graceful cancel request, then
 * SIGTERM, then SIGKILL, each step bounded, and waits for the exit; all children are torn down in
 * parallel because each has its own supervisor. {@code pendingResults} (guarded by {@code lock})
 * counts runInActor functions still running, for {@link #join()}.
 */
public final class ActorNurseryCore {

    private static final Logger log = LoggerFactory.getLogger(ActorNurseryCore.class);

    private final ActorRuntime runtime;
    private final boolean ownsRuntime;
    private final Nursery supervisors;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition resultsDone = lock.newCondition();
    /** Guarded by lock. */
    private int pendingResults;
    /** Guarded by lock. */
    private final List<PortalImpl> children = new ArrayList<>();

    private ActorNurseryCore(ActorRuntime runtime, boolean ownsRuntime) {
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        this.supervisors = Nursery.open("actor-nursery");
        runtime.addUserScope(supervisors.cancelScope());
    }

    /** Opens a nursery, starting the root actor when this process has no runtime (SPEC A1). */
    public static ActorNurseryCore open() {
        var runtime = ActorRuntime.current();
        boolean owns = false;
        if (runtime == null) {
            runtime = ActorRuntime.startRoot("root", RuntimeConfig.defaults());
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
        var portal = spawn(name, SpawnOptions.exposing(endpoint.owner()));
        portal.expectResult(endpoint.resultType());
        lock.lock();
        try {
            pendingResults++;
        } finally {
            lock.unlock();
        }
        var kwargs = Connection.encodeArgs(endpoint.name(args));
        supervisors.startSoon("run-in-" + name, () -> supervise(portal, endpoint, kwargs));
        return portal;
    }

    private PortalImpl spawn(String name, SpawnOptions options) {
        var child = ActorId.random(name);
        var pending = runtime.expectChild(child);
        var level = options.logLevel() != null ? options.logLevel() : runtime.config().logLevel();
        var addr = runtime.addr();
        var process = ChildProcess.start(name, ActorMain.class.getName(),
                List.of(child.name(), child.uuid(), addr.host() + ":" + addr.port(), level),
                options.jvmOptions(), options.environment());
        process.onExit().thenRun(pending::processExited);
        Connection conn = null;
        try {
            conn = pending.await(runtime.config().spawnTimeout().toNanos());
            if (conn == null) {
                throw new IllegalStateException("the child did not connect back within "
                        + runtime.config().spawnTimeout().toSeconds() + " s");
            }
            conn.send(spawnSpec(options, level));
            conn.callSelf("ping", Map.of());
        } catch (Cancelled c) {
            runtime.forgetChild(child);
            process.kill();
            process.awaitExitUninterruptibly();
            throw c;
        } catch (RuntimeException e) {
            runtime.forgetChild(child);
            if (!process.awaitExitQuietly(Duration.ofSeconds(2))) {
                process.kill();
                process.awaitExitUninterruptibly();
            }
            process.drainOutput(Duration.ofSeconds(1));
            var cause = conn != null && conn.unattributedError() != null
                    ? conn.unattributedError() : e;
            throw new SpawnFailed(name, process.exitCode(), process.errorTail(), cause);
        }
        var portal = new PortalImpl(conn, process);
        lock.lock();
        try {
            children.add(portal);
        } finally {
            lock.unlock();
        }
        log.debug("spawned actor {} (pid {})", child, process.pid());
        return portal;
    }

    private Msg.SpawnSpec spawnSpec(SpawnOptions options, String level) {
        var modules = new LinkedHashMap<String, Object>();
        for (var name : options.exposed()) {
            modules.put(name, "");
        }
        var addr = runtime.addr();
        var vars = new LinkedHashMap<String, Object>();
        vars.put("_is_root", false);
        vars.put("_root_mailbox", List.of(addr.host(), addr.port()));
        vars.put("_registry_addrs", List.of());
        vars.put("_debug_mode", false);
        vars.put("loglevel", level);
        return new Msg.SpawnSpec(Map.of(), vars, modules, List.of(), null);
    }

    // ---- supervision -------------------------------------------------------------------------

    private void supervise(PortalImpl portal, Endpoint endpoint, Map<String, ?> kwargs) {
        var process = portal.process();
        try {
            if (endpoint != null) {
                runFunction(portal, endpoint, kwargs);
                return;
            }
            process.awaitExit();
            throw new TransportClosed("actor " + portal.actor() + " (pid " + process.pid()
                    + ") exited unexpectedly with exit code " + process.exitCode(), null);
        } catch (InterruptedException e) {
            throw CancelScope.interrupted(e);
        } finally {
            CancelScope.shielded(s -> {
                teardown(portal);
                return null;
            });
        }
    }

    private void runFunction(PortalImpl portal, Endpoint endpoint, Map<String, ?> kwargs) {
        try {
            @SuppressWarnings("unchecked")
            var encoded = (Map<String, io.jtractor.internal.msg.RawValue>) kwargs;
            var value = portal.call(endpoint.owner().getName(), endpoint.method().getName(),
                    encoded, endpoint.resultType());
            portal.deliverResult(value, null);
        } catch (Cancelled c) {
            portal.deliverResult(null, c);
            throw c;
        } catch (RuntimeException e) {
            portal.deliverResult(null, e);
            throw e;
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

    /** The cancel ladder (SPEC A6): cancel request, SIGTERM, SIGKILL; then waits for exit. */
    private void teardown(PortalImpl portal) {
        var process = portal.process();
        var config = runtime.config();
        if (process.isAlive()) {
            boolean acked = portal.cancelActor(config.actorCancelTimeout());
            if (!process.awaitExitQuietly(acked ? Duration.ofSeconds(3)
                    : config.actorCancelTimeout())) {
                log.debug("actor {} did not exit after cancel (acked={}): SIGTERM",
                        portal.actor(), acked);
                process.terminate();
                if (!process.awaitExitQuietly(config.terminateGrace())) {
                    log.warn("actor {} did not exit after SIGTERM: SIGKILL", portal.actor());
                    process.kill();
                    process.awaitExitUninterruptibly();
                }
            }
        }
        portal.connection().close();
        process.drainOutput(Duration.ofSeconds(1));
    }

    // ---- waiting and closing -------------------------------------------------------------

    /**
     * Waits until every runInActor function has finished; raises the first failure (through
     * closing) if any child failed.
     */
    public void join() {
        lock.lock();
        try {
            while (pendingResults > 0 && !supervisors.cancelScope().isCancelled()) {
                try {
                    resultsDone.await();
                } catch (InterruptedException e) {
                    if (supervisors.cancelScope().isCancelled()) {
                        break;
                    }
                    throw CancelScope.interrupted(e);
                }
            }
        } finally {
            lock.unlock();
        }
        if (supervisors.cancelScope().isCancelled()) {
            close();
        }
    }

    /** Cancels every remaining child, waits until every child process has exited. */
    public void close() {
        try {
            supervisors.close();
        } finally {
            runtime.removeUserScope(supervisors.cancelScope());
            if (ownsRuntime) {
                runtime.shutdown("the root actor nursery closed", runtime.id());
                runtime.awaitEnd(Duration.ofSeconds(10));
            }
        }
    }

    public void cancel() {
        supervisors.cancel();
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
