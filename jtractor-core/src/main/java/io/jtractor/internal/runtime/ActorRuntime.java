package io.jtractor.internal.runtime;

import io.jtractor.NoRuntime;
import io.jtractor.RemoteActorException;
import io.jtractor.internal.ipc.Addr;
import io.jtractor.internal.ipc.Listener;
import io.jtractor.internal.ipc.MsgTransport;
import io.jtractor.internal.ipc.TcpAddr;
import io.jtractor.internal.ipc.TcpListener;
import io.jtractor.internal.ipc.Transports;
import io.jtractor.ActorId;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.Payloads;
import io.jtractor.internal.msg.RawValue;
import io.jtractor.sc.CancelScope;
import io.jtractor.sc.Cancelled;
import io.jtractor.sc.Nursery;
import java.io.InterruptedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.SocketException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.BaseStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actor runtime of this process: its identity, its listener, its connections, the classes it
 * exposes and the tasks it runs for peers. There is at most one per process.
 *
 * <p><b>Implementation overview.</b> A dedicated runtime thread owns two nurseries: {@code io}
 * (the accept loop, one reader per connection, cancel handlers) and, nested in it,
 * {@code tasks} (every endpoint run for a peer). Shutdown ({@link #shutdown}) first cancels
 * {@code tasks} and waits for them, so every endpoint's cleanup runs and its outcome
 * ({@code Return} or {@code Error}) is sent; then it answers pending actor-cancel requests,
 * closes the listener and every connection, and finally cancels {@code io}. Scopes of user
 * code that must end with the runtime (actor nurseries) are registered as {@code userScopes}
 * and cancelled at the start of shutdown.
 */
public final class ActorRuntime {

    private static final Logger log = LoggerFactory.getLogger(ActorRuntime.class);

    private static volatile ActorRuntime current;

    private final ActorId id;
    private final RuntimeConfig config;
    private final boolean root;
    private final Endpoints endpoints = new Endpoints();
    private final Listener listener;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Map<String, PendingSpawn> pendingSpawns = new ConcurrentHashMap<>();
    private final Set<CancelScope> userScopes = ConcurrentHashMap.newKeySet();
    /** The endpoint tasks running, with their threads (to find one calling System.exit). */
    private final Map<ContextImpl, Thread> runningTasks = new ConcurrentHashMap<>();
    /** Guarded by itself: acknowledgements of actor-cancel requests, sent once tasks ended. */
    private final List<Runnable> pendingCancelAcks = new ArrayList<>();
    /** Guarded by pendingCancelAcks: later requests are acknowledged at once. */
    private boolean cancelAcksSent;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch shutdownRequested = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Nursery io;
    private volatile Nursery tasks;
    private volatile Connection parent;
    private volatile String shutdownReason;
    private volatile ActorId shutdownCanceller;
    private volatile Thread thread;
    /** Set before the runtime starts, never changed after: discovery, or null. */
    private volatile RuntimeExtension extension;

    private ActorRuntime(ActorId id, RuntimeConfig config, boolean root, Listener listener) {
        this.id = id;
        this.config = config;
        this.root = root;
        this.listener = listener != null ? listener
                : TcpListener.bind(new TcpAddr(config.bindHost(), 0), config.maxFrameBytes());
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    /**
     * Starts the root actor of this process.
     *
     * @throws IllegalStateException if this process already has a runtime
     */
    public static synchronized ActorRuntime startRoot(String name, RuntimeConfig config) {
        return startRoot(ActorId.random(name), config, null, null);
    }

    /**
     * Starts the root actor of this process on {@code listener} (null: any free TCP port on the
     * configured host), hosting {@code extension} (may be null).
     *
     * @throws IllegalStateException if this process already has a runtime; the listener is
     *     then closed
     */
    public static synchronized ActorRuntime startRoot(ActorId id, RuntimeConfig config,
            Listener listener, RuntimeExtension extension) {
        if (current != null) {
            if (listener != null) {
                listener.close();
            }
            throw new IllegalStateException("this process already runs actor " + current.id
                    + ": a second root cannot be opened");
        }
        var runtime = new ActorRuntime(id, config, true, listener);
        runtime.extension = extension;
        runtime.start(null);
        current = runtime;
        return runtime;
    }

    /**
     * Boots a child actor (see {@code ActorMain}): connects to the parent, exchanges Aids, reads
     * the SpawnSpec and loads the exposed classes. A class that does not load is reported to the
     * parent as an {@code Error} before this raises (SPEC A4).
     */
    public static synchronized ActorRuntime startChild(ActorId id, RuntimeConfig config,
            TcpAddr parentAddr) {
        return startChild(id, config, parentAddr, null, spec -> null);
    }

    /**
     * Boots a child actor as {@link #startChild(ActorId, RuntimeConfig, TcpAddr)} does, with its
     * parent at {@code parentAddr} (TCP or Unix socket), listening on {@code listener} (null:
     * any free TCP port on the configured host), and hosting the extension that
     * {@code extensionFor} makes from the parent's SpawnSpec (null for none).
     */
    public static synchronized ActorRuntime startChild(ActorId id, RuntimeConfig config,
            Addr parentAddr, Listener listener,
            Function<Msg.SpawnSpec, RuntimeExtension> extensionFor) {
        var runtime = new ActorRuntime(id, config, false, listener);
        MsgTransport transport;
        try {
            transport = Transports.connect(parentAddr, Duration.ofSeconds(10),
                    config.maxFrameBytes());
        } catch (RuntimeException e) {
            runtime.listener.close();
            throw new IllegalStateException("actor " + id + " cannot connect to its parent at "
                    + parentAddr + ": " + e.getMessage(), e);
        }
        Connection conn;
        Msg first;
        try {
            conn = Connection.open(runtime, transport, Connection.handshake(runtime, transport));
            first = transport.receive();
        } catch (RuntimeException e) {
            transport.close();
            runtime.listener.close();
            throw new IllegalStateException("actor " + id + " lost its parent at " + parentAddr
                    + " during the handshake: " + e.getMessage(), e);
        }
        if (!(first instanceof Msg.SpawnSpec spec)) {
            conn.close();
            runtime.listener.close();
            throw new IllegalStateException("expected a SpawnSpec from the parent "
                    + conn.peer() + ", got " + (first == null ? "end of stream"
                    : first.msgType()));
        }
        try {
            for (var className : spec.enableModules().keySet()) {
                runtime.endpoints.expose(className);
            }
        } catch (ClassNotFoundException | LinkageError e) {
            var failure = new IllegalStateException("actor " + id + " cannot load the class it"
                    + " was asked to expose: " + e
                    + (e.getCause() == null ? "" : ", caused by " + e.getCause()), e);
            conn.trySend(Errors.box(failure, id, null));
            conn.close();
            runtime.listener.close();
            throw failure;
        }
        runtime.extension = extensionFor.apply(spec);
        runtime.start(conn);
        current = runtime;
        return runtime;
    }

    /** The runtime of this process, or null. */
    public static ActorRuntime current() {
        return current;
    }

    /**
     * The runtime of this process.
     *
     * @throws NoRuntime if there is none
     */
    public static ActorRuntime require(String what) {
        var runtime = current;
        if (runtime == null) {
            throw new NoRuntime(what + " needs an actor runtime in this process; open an"
                    + " ActorNursery (which starts the root actor) first");
        }
        return runtime;
    }

    private void start(Connection parentConn) {
        this.parent = parentConn;
        thread = Thread.ofPlatform().name("jtractor-runtime-" + id.name()).daemon(true)
                .start(this::run);
        awaitLatch(ready);
        Runtime.getRuntime().addShutdownHook(new Thread(this::onJvmShutdown,
                "jtractor-shutdown-" + id.name()));
        log.debug("actor {} ready on {}", id, listener.addr());
    }

    private void run() {
        try (var ioNursery = Nursery.open("io")) {
            io = ioNursery;
            ioNursery.startSoon("accept-" + id.name(), this::acceptLoop);
            if (parent != null) {
                connections.add(parent);
                ioNursery.startSoon("reader-parent", parent::readLoop);
            }
            try (var taskNursery = Nursery.open("tasks")) {
                tasks = taskNursery;
                notifyExtension(true);
                ready.countDown();
                awaitLatch(shutdownRequested);
                endUserScopes();
                taskNursery.cancel();
            }
            notifyExtension(false);
            finishShutdown();
            ioNursery.cancel();
        } catch (RuntimeException e) {
            log.error("actor runtime {} failed", id, e);
        } finally {
            if (current == this) {
                current = null;
            }
            ready.countDown();
            ended.countDown();
        }
    }

    /** Tells the extension (discovery) that the runtime serves, or is ending; never throws. */
    private void notifyExtension(boolean started) {
        var ext = extension;
        if (ext == null) {
            return;
        }
        try {
            if (started) {
                ext.started(this);
            } else {
                ext.stopping(this);
            }
        } catch (RuntimeException e) {
            log.warn("actor {}: the runtime extension failed when the runtime {}: {}", id,
                    started ? "started" : "began to end", e.toString());
        }
    }

    private void finishShutdown() {
        synchronized (pendingCancelAcks) {
            pendingCancelAcks.forEach(Runnable::run);
            pendingCancelAcks.clear();
            cancelAcksSent = true;
        }
        listener.close();
        // Every connection drains what its tasks queued (outcomes, acknowledgements) in
        // parallel, each within its bound, then closes.
        var open = List.copyOf(connections);
        open.forEach(Connection::beginClose);
        open.forEach(Connection::awaitClosed);
        log.debug("actor {} ended: {}", id, shutdownReason);
    }

    /**
     * Asks the runtime to end: every task it runs is cancelled, then every connection closes.
     * Returns at once; {@link #awaitEnd} waits.
     */
    public void shutdown(String reason, ActorId canceller) {
        if (shutdownReason == null) {
            shutdownReason = reason;
            shutdownCanceller = canceller;
            log.debug("actor {} shutting down: {}", id, reason);
        }
        shutdownRequested.countDown();
    }

    /**
     * Cancels the user scopes that must end with the runtime (actor nurseries) and waits, for
     * a bounded time, until they are closed: they tear their children down over connections
     * that must stay open until then.
     */
    private void endUserScopes() {
        for (var scope : userScopes) {
            scope.cancel("actor " + id + " is shutting down: " + shutdownReason);
        }
        awaitUserScopes(Duration.ofSeconds(8));
    }

    /** Waits until the runtime has ended, at most {@code bound}; returns whether it has. */
    public boolean awaitEnd(Duration bound) {
        try {
            return ended.await(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ended.getCount() == 0;
        }
    }

    public boolean isEnded() {
        return ended.getCount() == 0;
    }

    /**
     * The JVM began to shut down. If tasks of this runtime are the ones calling
     * {@code System.exit}, they never end (they wait for this hook): the other tasks are
     * cancelled and awaited (bounded), the connections drained and closed, and the hook returns
     * without waiting for the runtime to end. Otherwise the runtime is shut down and awaited,
     * bounded.
     */
    private void onJvmShutdown() {
        if (isEnded()) {
            return;
        }
        var exiting = exitingTasks();
        if (exiting.isEmpty()) {
            log.info("actor {}: the JVM is shutting down (a signal, or System.exit outside its"
                    + " tasks): cancelling its tasks and children", id);
            shutdown("the JVM is shutting down (a signal, or System.exit outside its tasks)",
                    id);
            awaitEnd(Duration.ofSeconds(10));
            return;
        }
        var contexts = exiting.stream().map(ContextImpl::contextId).toList();
        log.info("actor {}: System.exit was called by the task of context(s) {}: cancelling"
                + " its other tasks and children", id, contexts);
        shutdown("System.exit was called by the task of context(s) " + contexts, id);
        // Cancelled here, not after the user scopes: a scope the exiting task owns never ends.
        var running = tasks;
        if (running != null) {
            running.cancel();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (var task : List.copyOf(runningTasks.keySet())) {
            if (!exiting.contains(task)) {
                task.awaitTaskEnd(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
        }
        var open = List.copyOf(connections);
        open.forEach(Connection::beginClose);
        open.forEach(Connection::awaitClosed);
    }

    /** The endpoint tasks that are inside {@code System.exit} (waiting for the hooks). */
    private Set<ContextImpl> exitingTasks() {
        var exiting = new HashSet<ContextImpl>();
        runningTasks.forEach((ctx, thread) -> {
            for (var frame : thread.getStackTrace()) {
                if ((frame.getClassName().equals("java.lang.Shutdown")
                        || frame.getClassName().equals("java.lang.Runtime"))
                        && frame.getMethodName().equals("exit")) {
                    exiting.add(ctx);
                    return;
                }
            }
        });
        return exiting;
    }

    private void awaitUserScopes(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!userScopes.isEmpty() && System.nanoTime() < deadline) {
            synchronized (userScopes) {
                try {
                    userScopes.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Registers a user scope (an actor nursery) that must end when the runtime shuts down. */
    public void addUserScope(CancelScope scope) {
        userScopes.add(scope);
        if (shutdownReason != null) {
            scope.cancel("actor " + id + " is shutting down: " + shutdownReason);
        }
    }

    public void removeUserScope(CancelScope scope) {
        userScopes.remove(scope);
        synchronized (userScopes) {
            userScopes.notifyAll();
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- connections -------------------------------------------------------------------------

    private void acceptLoop() {
        while (true) {
            MsgTransport transport;
            try {
                transport = listener.accept();
            } catch (RuntimeException e) {
                return;
            }
            var nursery = io;
            try {
                nursery.startSoon("conn-" + transport.remoteAddr(), () -> serve(transport));
            } catch (IllegalStateException closed) {
                transport.close();
                return;
            }
        }
    }

    private void serve(MsgTransport transport) {
        Msg.Aid peerAid;
        try {
            peerAid = CancelScope.failAfter(Duration.ofSeconds(10),
                    s -> Connection.handshake(this, transport));
        } catch (RuntimeException e) {
            log.info("handshake with {} failed, connection dropped: {}", transport.remoteAddr(),
                    e.getMessage());
            transport.close();
            return;
        }
        if (peerAid.isProbe()) {
            transport.close();
            return;
        }
        var conn = Connection.open(this, transport, peerAid);
        connections.add(conn);
        var pending = pendingSpawns.remove(peerAid.uuid());
        if (pending != null) {
            pending.connected(conn);
        }
        conn.readLoop();
    }

    void connectionClosed(Connection conn) {
        connections.remove(conn);
        if (conn == parent && shutdownReason == null) {
            log.info("actor {} lost the connection to its parent {}: shutting down", id,
                    conn.peer());
            shutdown("the connection to the parent " + conn.peer() + " was lost", conn.peer());
            startOrphanWatchdog();
        }
    }

    /** A child whose parent is gone must not linger (SPEC A8): halt if shutdown stalls. */
    private void startOrphanWatchdog() {
        Thread.ofPlatform().daemon(true).name("jtractor-orphan-watchdog").start(() -> {
            if (!awaitEnd(Duration.ofSeconds(3))) {
                System.err.println("jtractor: actor " + id + " lost its parent and did not end"
                        + " within 3 s; halting");
                Runtime.getRuntime().halt(4);
            }
        });
    }

    /** Registers a child that will connect back with {@code uuid}. */
    PendingSpawn expectChild(ActorId child) {
        var pending = new PendingSpawn(child);
        pendingSpawns.put(child.uuid(), pending);
        return pending;
    }

    void forgetChild(ActorId child) {
        pendingSpawns.remove(child.uuid());
    }

    // ---- serving peers -------------------------------------------------------------------

    void handleStart(Connection conn, Msg.Start start) {
        var cid = start.cid();
        if (!conn.peer().equals(start.uid())) {
            log.info("Start for context {} from {} names caller {}: refused", cid, conn.peer(),
                    start.uid());
            refuse(conn, cid, new IllegalArgumentException("Start for context " + cid
                    + " names caller " + start.uid() + " but the connection belongs to "
                    + conn.peer()));
            return;
        }
        if (conn.dialog(cid) != null) {
            log.info("Start from {} reuses the open context id {}: refused", conn.peer(), cid);
            conn.trySend(Errors.box(new IllegalArgumentException("Start for context " + cid
                    + " from " + conn.peer() + " reuses the id of a context that is still"
                    + " open"), id, cid));
            return;
        }
        if ("self".equals(start.ns())) {
            handleSelf(conn, start);
            return;
        }
        Endpoint endpoint;
        ContextImpl child;
        Object[] args;
        try {
            endpoint = endpoints.lookup(start.ns(), start.func(), start.kwargs().keySet());
            child = new ContextImpl(conn, cid, ContextImpl.Role.CHILD, endpoint.kind(), null);
            child.declare(PayloadTypes.of(endpoint.method()));
            args = endpoint.bind(child, start.kwargs());
        } catch (RuntimeException e) {
            log.debug("Start of {}:{} from {} refused: {}", start.ns(), start.func(), conn.peer(),
                    e.toString());
            refuse(conn, cid, e);
            return;
        }
        conn.register(child);
        var ack = new Msg.StartAck(cid, endpoint.kind().functype());
        if (endpoint.kind() == EndpointKind.PLAIN) {
            conn.trySendBeforeOutcome(ack);
        } else {
            conn.trySend(ack);
        }
        try {
            tasks.startSoon(endpoint.target() + "#" + cid.substring(0, 8),
                    () -> runEndpoint(conn, child, endpoint, args));
        } catch (IllegalStateException closed) {
            conn.unregister(child);
            conn.trySend(Errors.box(new IllegalStateException("actor " + id
                    + " is shutting down"), id, cid));
        }
    }

    /** Answers a Start with an Error and remembers its cid, so that late messages are dropped. */
    private void refuse(Connection conn, String cid, RuntimeException failure) {
        conn.rememberEnded(cid);
        conn.trySend(Errors.box(failure, id, cid));
    }

    private void runEndpoint(Connection conn, ContextImpl ctx, Endpoint endpoint, Object[] args) {
        var taskScope = CancelScope.current();
        ctx.bindTaskScope(taskScope);
        runningTasks.put(ctx, Thread.currentThread());
        Msg outcome;
        try {
            var value = invoke(endpoint, args, ctx);
            if (endpoint.kind() == EndpointKind.CONTEXT && !ctx.startedCalled()) {
                throw new IllegalStateException("context endpoint " + endpoint.signature()
                        + " returned without calling ctx.started()");
            }
            outcome = new Msg.Return(ctx.contextId(), Payloads.encode(value));
            conn.checkFrameSize(outcome);
            ctx.closeStreamIfOpen();
        } catch (Throwable failure) {
            outcome = failureOutcome(conn, ctx, taskScope, failure);
        }
        // The outcome is queued before the task counts as ended: a cancel acknowledgement,
        // which waits for that, then always follows the outcome on the wire.
        try {
            conn.trySend(outcome);
        } finally {
            runningTasks.remove(ctx);
            ctx.taskEnded();
            conn.unregister(ctx);
        }
    }

    /**
     * The outcome of a task that failed; never throws, so that the task always ends its dialog
     * and never fails the {@code tasks} nursery (which would cancel every later task).
     */
    private Msg failureOutcome(Connection conn, ContextImpl ctx, CancelScope taskScope,
            Throwable failure) {
        try {
            ctx.abandonStream();
        } catch (Throwable abandoning) {
            failure.addSuppressed(abandoning);
        }
        try {
            return failureMessage(conn, ctx, taskScope, failure);
        } catch (Throwable building) {
            return Errors.minimal(failure, id, ctx.contextId(), "building the outcome failed",
                    building);
        }
    }

    private Object invoke(Endpoint endpoint, Object[] args, ContextImpl ctx) throws Throwable {
        Object value;
        try {
            value = endpoint.method().invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (endpoint.kind() != EndpointKind.STREAMING) {
            return value;
        }
        var stream = ctx.openProducerStream();
        Iterator<?> items = switch (value) {
            case null -> java.util.Collections.emptyIterator();
            case BaseStream<?, ?> s -> s.iterator();
            case Iterable<?> it -> it.iterator();
            case Iterator<?> it -> it;
            default -> throw new IllegalStateException("streaming endpoint "
                    + endpoint.signature() + " returned a " + value.getClass().getName());
        };
        try {
            while (items.hasNext()) {
                CancelScope.checkpoint();
                stream.send(items.next());
            }
        } finally {
            if (value instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        return null;
    }

    private Msg failureMessage(Connection conn, ContextImpl ctx, CancelScope taskScope,
            Throwable failure) {
        boolean cancellation = failure instanceof Cancelled
                || failure instanceof InterruptedException;
        var interruptedIo = cancellation ? null : interruptedIo(failure);
        if ((cancellation || interruptedIo != null) && taskScope.isEffectivelyCancelled()) {
            var canceller = ctx.cancellerOrNull();
            var peerError = ctx.error();
            if (canceller == null && peerError.isPresent()
                    && peerError.get() instanceof RemoteActorException fromParent) {
                // The task was cancelled because the parent's side failed (an overrun, a
                // payload of the wrong type): that failure is relayed back, not a cancel.
                return Errors.boxSafely(fromParent, id, ctx.contextId(), conn);
            }
            if (canceller == null) {
                canceller = shutdownCanceller != null ? shutdownCanceller : id;
            }
            return Errors.cancelled(id, ctx.contextId(), canceller, interruptedIo);
        }
        return Errors.boxSafely(failure, id, ctx.contextId(), conn);
    }

    /**
     * The I/O exception, in {@code failure} or its causes, that an interrupt of the task's
     * thread raised (a cancellation interrupts it), or null: a channel closed by the
     * interrupt, an interrupted stream, or a socket of a virtual thread closed by the
     * interrupt (a {@code SocketException} while the thread is interrupted).
     */
    private static Throwable interruptedIo(Throwable failure) {
        var cause = failure;
        for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
            if (cause instanceof ClosedByInterruptException
                    || cause instanceof InterruptedIOException
                    || (cause instanceof SocketException
                            && (Thread.currentThread().isInterrupted()
                            || "Closed by interrupt".equals(cause.getMessage())))) {
                return cause;
            }
        }
        return null;
    }

    private void handleSelf(Connection conn, Msg.Start start) {
        var cid = start.cid();
        // Runtime methods keep no dialog: anything else for this cid is late, not bogus.
        conn.rememberEnded(cid);
        switch (start.func()) {
            case "_cancel_task" -> {
                conn.trySend(new Msg.StartAck(cid, Msg.StartAck.ASYNCFUNC));
                var target = conn.dialog(decodeString(start.kwargs().get("cid")));
                if (target == null || target.role() != ContextImpl.Role.CHILD) {
                    conn.trySend(new Msg.CancelAck(cid, true));
                    return;
                }
                target.cancelFromPeer(start.uid());
                background(() -> {
                    boolean ended = target.awaitTaskEnd(Duration.ofSeconds(5));
                    conn.trySend(new Msg.CancelAck(cid, ended));
                });
            }
            case "cancel" -> {
                conn.trySend(new Msg.StartAck(cid, Msg.StartAck.ASYNCFUNC));
                Runnable ack = () -> conn.trySend(new Msg.CancelAck(cid, true));
                synchronized (pendingCancelAcks) {
                    if (!cancelAcksSent) {
                        pendingCancelAcks.add(ack);
                        ack = null;
                    }
                }
                if (ack != null) {
                    ack.run();
                }
                shutdown("cancel requested by " + start.uid(), start.uid());
            }
            case "ping" -> {
                // Answered once the runtime reports ready, i.e. once it has registered (D2);
                // until then off this reader, which may carry the registration's answer.
                if (ready.getCount() == 0) {
                    answerPing(conn, cid);
                } else {
                    background(() -> {
                        awaitLatch(ready);
                        answerPing(conn, cid);
                    });
                }
            }
            default -> {
                var ext = extension;
                if (ext != null && ext.servesSelf(start.func())) {
                    serveExtension(conn, start, ext);
                } else {
                    conn.trySend(Errors.box(new IllegalArgumentException("unknown runtime"
                            + " method self:" + start.func()), id, cid));
                }
            }
        }
    }

    private static void answerPing(Connection conn, String cid) {
        conn.trySend(new Msg.StartAck(cid, Msg.StartAck.ASYNCFUNC));
        conn.trySend(new Msg.Return(cid, RawValue.NIL));
    }

    /**
     * Serves a method of {@code self} that the extension provides (the registrar's) as a task,
     * cancellable like an endpoint: by {@code _cancel_task}, or by losing the caller.
     */
    private void serveExtension(Connection conn, Msg.Start start, RuntimeExtension ext) {
        awaitLatch(ready);
        var cid = start.cid();
        var call = new ContextImpl(conn, cid, ContextImpl.Role.CHILD, EndpointKind.PLAIN, null);
        conn.register(call);
        conn.trySend(new Msg.StartAck(cid, Msg.StartAck.ASYNCFUNC));
        try {
            tasks.startSoon("self:" + start.func(), () -> {
                var taskScope = CancelScope.current();
                call.bindTaskScope(taskScope);
                Msg outcome;
                try {
                    outcome = new Msg.Return(cid,
                            ext.serveSelf(start.func(), start.kwargs(), conn.peerAid()));
                } catch (Throwable failure) {
                    outcome = failureOutcome(conn, call, taskScope, failure);
                }
                try {
                    conn.trySend(outcome);
                } finally {
                    call.taskEnded();
                    conn.unregister(call);
                }
            });
        } catch (IllegalStateException closed) {
            conn.unregister(call);
            conn.trySend(Errors.box(new IllegalStateException("actor " + id
                    + " is shutting down"), id, cid));
        }
    }

    private static String decodeString(RawValue raw) {
        return raw == null ? null : Payloads.decode(raw, String.class);
    }

    /** Runs a short runtime job outside the endpoint tasks (it survives their cancellation). */
    void background(Runnable job) {
        try {
            io.startSoon(job::run);
        } catch (IllegalStateException closed) {
            job.run();
        }
    }

    // ---- accessors ---------------------------------------------------------------------------

    public ActorId id() {
        return id;
    }

    public RuntimeConfig config() {
        return config;
    }

    public boolean isRoot() {
        return root;
    }

    boolean isRegistrar() {
        var ext = extension;
        return ext != null && ext.isRegistrar();
    }

    /**
     * The TCP address this actor listens on.
     *
     * @throws IllegalStateException if it listens on a Unix domain socket
     */
    public TcpAddr addr() {
        if (listener.addr() instanceof TcpAddr tcp) {
            return tcp;
        }
        throw new IllegalStateException("actor " + id + " listens on the Unix domain socket "
                + listener.addr() + ", not on TCP");
    }

    /** The address this actor listens on: TCP or Unix domain socket. */
    public Addr listenAddr() {
        return listener.addr();
    }

    /** The extension this runtime hosts (discovery), or null. */
    public RuntimeExtension extension() {
        return extension;
    }

    /** Makes the public static methods of {@code type} callable by peers (SPEC J6). */
    public void expose(Class<?> type) {
        endpoints.expose(type);
    }

    /**
     * Adopts a connection this actor opened: it is closed with the runtime, and read by a task
     * of the {@code io} nursery, which runs {@code reader} (the connection's read loop and
     * whatever must follow it).
     *
     * @throws IllegalStateException if the runtime is ending; the connection is then closed
     */
    void adoptOutgoing(Connection conn, Runnable reader) {
        var nursery = io;
        connections.add(conn);
        try {
            if (nursery == null) {
                throw new IllegalStateException("actor " + id + " has not started yet");
            }
            nursery.startSoon("reader-" + conn.peer(), reader::run);
        } catch (IllegalStateException ending) {
            conn.close();
            throw new IllegalStateException("actor " + id + " is not running: no new connection"
                    + " to " + conn.peer() + " can be opened", ending);
        }
    }

    /**
     * Starts a long-lived runtime service (a registration keeper) in the {@code io} nursery: it
     * is cancelled when the runtime has closed its connections.
     *
     * @throws IllegalStateException if the runtime is ending
     */
    public void startService(String name, Runnable service) {
        var nursery = io;
        if (nursery == null) {
            throw new IllegalStateException("actor " + id + " has not started yet");
        }
        nursery.startSoon(name, service::run);
    }

    Endpoints endpoints() {
        return endpoints;
    }

    Connection parentConnection() {
        return parent;
    }

    /** The {@code Aid} this child's parent sent in the handshake, or null for a root. */
    public Msg.Aid parentAid() {
        var conn = parent;
        return conn == null ? null : conn.peerAid();
    }

    /** Whether this actor is a child whose connection to its parent is still open. */
    public boolean isParentConnected() {
        var conn = parent;
        return conn != null && conn.isOpen();
    }

    /**
     * Calls {@code self:func} in this child's parent over the connection to it and waits at
     * most {@code bound} for its outcome: a child registers this way when its parent is the
     * registrar, without a connection of its own.
     *
     * @throws IllegalStateException if this actor is a root, or no outcome arrived in time
     * @throws io.jtractor.RemoteActorException the method's failure in the parent
     * @throws io.jtractor.TransportClosed if the connection to the parent is lost
     */
    public RawValue callParent(String func, Map<String, ?> kwargs, Duration bound) {
        var conn = parent;
        if (conn == null) {
            throw new IllegalStateException("actor " + id + " is a root: it has no parent to"
                    + " call self:" + func + " in");
        }
        return conn.callSelf(func, kwargs, bound);
    }

    @Override
    public String toString() {
        return "ActorRuntime[" + id + (root ? ", root" : "") + ", " + listener.addr()
                + ", connections=" + connections.size()
                + (shutdownReason != null ? ", shutting down: " + shutdownReason : "") + "]";
    }
}
