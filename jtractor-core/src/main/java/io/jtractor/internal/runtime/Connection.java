package io.jtractor.internal.runtime;

import io.jtractor.MessageTypeException;
import io.jtractor.TransportClosed;
import io.jtractor.internal.ipc.FrameTooLargeException;
import io.jtractor.internal.ipc.MsgTransport;
import io.jtractor.internal.ipc.TransportClosedException;
import io.jtractor.internal.ipc.TruncatedFrameException;
import io.jtractor.ActorId;
import io.jtractor.internal.msg.ContextIds;
import io.jtractor.internal.msg.MalformedMessageException;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.Payloads;
import io.jtractor.internal.msg.RawValue;
import io.jtractor.internal.msg.Values;
import io.jtractor.sc.CancelScope;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection between this actor and one peer: every RPC, context and stream between the two
 * multiplexes over it, each dialog keyed by its context id (SPEC P6).
 *
 * <p><b>Implementation overview.</b>
 *
 * <p><i>Reading.</i> One reader task ({@link #readLoop}) owns the transport's receiving side: it
 * decodes each frame and hands it to the dialog registered under its cid
 * ({@link ContextImpl#deliver}, which never blocks), or to the runtime for a {@code Start}.
 * Consecutive {@code Yield}s for one dialog are handed over together ({@link YieldBatch}), at
 * most 16 at a time and always before the reader could block: one lock and at most one wake-up
 * of the receiving task per batch instead of per message.
 *
 * <p><i>Writing.</i> Task threads never touch the socket: on a virtual thread, an interrupt
 * (which is how a task is cancelled) that arrives while the thread is blocked in a socket write
 * makes the JDK close the socket, which would end every dialog on the connection. Instead every
 * message goes into {@code outbox}, and one writer thread per connection takes the whole outbox
 * at once, writes the batch into the transport's buffer and flushes when the outbox is empty.
 * The writer is a virtual thread started outside every nursery, so no cancellation ever
 * interrupts it. Messages reach the peer in the order they were enqueued. {@link #send} (data:
 * {@code Start}, {@code Started}, {@code Yield}) waits, cancellably, while the outbox holds more
 * than {@link #OUTBOX_LIMIT_BYTES}; {@link #trySend} (control: {@code StartAck}, {@code Stop},
 * {@code Return}, {@code Error}, {@code CancelAck}, {@code Credit}) never waits, so that a
 * cancelled task can always report its outcome; there are few of them per dialog. The writer
 * parks only when the outbox is empty ({@code writerIdle}), and an enqueuer signals it only
 * then, so messages queued behind a busy writer cost no wake-up. No lock is held across a
 * socket write. Re-grants of stream credits are not messages in the outbox but dialogs in
 * {@code grants} ({@link #scheduleGrant}): the writer writes each one's {@code Credit} ahead of
 * its batch, counted at that moment, so that a consumer's grants coalesce while the writer is
 * busy. Going ahead is safe: a re-grant follows {@code Yield}s received, hence this side's
 * {@code Start} and first window long written, and a dialog whose stream or outcome has ended
 * re-grants nothing. A plain function's {@code StartAck} ({@link #trySendBeforeOutcome}) makes a
 * woken writer yield once before it takes the outbox, so that a function that returns at once has
 * its {@code Return} leave in the same write.
 *
 * <p><i>States.</i> OPEN, then either closed from this side ({@link #close}: no new messages;
 * what was queued before is still written, within {@link #CLOSE_DRAIN}, then the transport
 * closes) or lost ({@link #lost}: the transport failed or the peer hung up; the queue is
 * discarded and the transport closed at once). Either way every dialog on the connection fails
 * with {@link TransportClosed} at once and the child-side tasks are cancelled (SPEC C12).
 * {@code open}, {@code discard}, the outbox and the writer's flags are guarded by
 * {@code outLock}; {@code open} is also read without it.
 *
 * <p><i>Bad input</i> (SPEC W5) never escapes into other dialogs: a malformed frame, a message
 * for a context this side never had, or an unexpected handshake message is logged and answered
 * with an {@code Error} boxing {@link MessageTypeException} (carrying the cid when it is known),
 * and reading goes on; a frame over the length limit closes the connection (the transport
 * closes itself: the stream position is lost), as does a frame cut short by the peer hanging
 * up. Late messages for dialogs that ended recently (a peer's
 * {@code Yield} crossing this side's {@code Return}) are dropped silently.
 */
final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    /** Key of the Aid extension map that announces credit-based flow control. */
    static final String EXT_CREDITS = "credits";

    /** {@link #send} waits while the queued messages' payloads exceed this. */
    static final long OUTBOX_LIMIT_BYTES = 8L << 20;

    /** How long {@link #close} lets the writer drain the queue before closing regardless. */
    static final Duration CLOSE_DRAIN = Duration.ofSeconds(1);

    /** Bytes counted per queued message besides its payload (envelope and cid). */
    private static final int ENVELOPE_BYTES = 96;

    /** How many ended context ids are remembered to tell late messages from bogus ones. */
    private static final int ENDED_REMEMBERED = 4096;

    private final ActorRuntime runtime;
    private final MsgTransport transport;
    private final Msg.Aid peerAid;
    private final ActorId peer;
    private final boolean credits;
    private final Map<String, ContextImpl> dialogs = new ConcurrentHashMap<>();
    /** Context ids of dialogs that ended on this connection, oldest first; guarded by itself. */
    private final LinkedHashMap<String, Boolean> ended = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ENDED_REMEMBERED;
        }
    };
    /** An Error that arrived outside any dialog (a child failing at boot); read at close. */
    private volatile RuntimeException unattributedError;
    /** Written once, by whoever closes or loses the connection first. */
    private volatile Throwable closeCause;

    private final ReentrantLock outLock = new ReentrantLock();
    /** Signalled when the outbox gets its first message, or the connection closes. */
    private final Condition outboxReady = outLock.newCondition();
    /** Signalled when the writer takes the outbox, or the connection closes. */
    private final Condition outboxRoom = outLock.newCondition();
    /** Guarded by outLock: messages not yet taken by the writer, in order. */
    private ArrayDeque<Msg> outbox = new ArrayDeque<>();
    /** Guarded by outLock: dialogs whose consumed messages the writer re-credits next pass. */
    private ArrayDeque<ContextImpl> grants = new ArrayDeque<>();
    /** Guarded by outLock: the estimated size of the outbox. */
    private long outboxBytes;
    /** Guarded by outLock: the writer is parked on outboxReady. */
    private boolean writerIdle;
    /** Guarded by outLock: an outcome is expected soon; the writer lets its task run first. */
    private boolean yieldFirst;
    /** Guarded by outLock: how many senders wait on outboxRoom. */
    private int roomWaiters;
    /** Guarded by outLock: the connection was lost; the writer drops what is left. */
    private boolean discard;
    /** Written under outLock, read anywhere: messages are still accepted. */
    private volatile boolean open = true;
    /** Set once this actor asked the peer's whole runtime to cancel (portal.cancelActor). */
    private volatile boolean actorCancelRequested;
    private final CountDownLatch writerEnded = new CountDownLatch(1);

    private Connection(ActorRuntime runtime, MsgTransport transport, Msg.Aid peerAid) {
        this.runtime = runtime;
        this.transport = transport;
        this.peerAid = peerAid;
        this.peer = peerAid.actorId();
        this.credits = Boolean.TRUE.equals(peerAid.extensions().get(EXT_CREDITS));
    }

    /** Wraps a transport whose handshake is done, and starts its writer. */
    static Connection open(ActorRuntime runtime, MsgTransport transport, Msg.Aid peerAid) {
        var conn = new Connection(runtime, transport, peerAid);
        Thread.ofVirtual().name("jtractor-writer-" + conn.peer.name()).start(conn::writeLoop);
        log.debug("actor {} connected to {} over {}", runtime.id(), conn.peer, transport);
        return conn;
    }

    /** This side's Aid, announcing the jtractor extensions it supports (SPEC W4). */
    static Msg.Aid ownAid(ActorRuntime runtime) {
        var ext = new LinkedHashMap<String, Object>();
        ext.put(EXT_CREDITS, Boolean.TRUE);
        return new Msg.Aid(runtime.id().name(), runtime.id().uuid(), ProcessHandle.current().pid(),
                runtime.isRegistrar(), false, ext);
    }

    /**
     * Exchanges Aids on a fresh transport: sends ours, reads theirs. A first frame that is not
     * an Aid drops the connection (SPEC W3).
     */
    static Msg.Aid handshake(ActorRuntime runtime, MsgTransport transport) {
        transport.send(ownAid(runtime));
        Msg first;
        try {
            first = transport.receive();
        } catch (MalformedMessageException e) {
            transport.close();
            throw new TransportClosedException("the first frame from " + transport.remoteAddr()
                    + " is not a message, not an Aid: connection dropped", e);
        }
        if (first instanceof Msg.Aid aid) {
            return aid;
        }
        transport.close();
        throw new TransportClosedException("the first frame from " + transport.remoteAddr()
                + " was " + (first == null ? "end of stream" : first.msgType())
                + ", not an Aid: connection dropped", null);
    }

    ActorRuntime runtime() {
        return runtime;
    }

    ActorId peer() {
        return peer;
    }

    Msg.Aid peerAid() {
        return peerAid;
    }

    boolean usesCredits() {
        return credits;
    }

    boolean isOpen() {
        return open;
    }

    /** Records that this actor is cancelling the peer's whole runtime. */
    void actorCancelRequested() {
        actorCancelRequested = true;
    }

    boolean isActorCancelRequested() {
        return actorCancelRequested;
    }

    RuntimeException unattributedError() {
        return unattributedError;
    }

    // ---- sending -----------------------------------------------------------------------------

    /**
     * Queues one data message for the writer. Waits while the outbox is over its limit; that
     * wait is cancellable. Never touches the socket.
     *
     * @throws IllegalArgumentException if the message is over the frame limit; nothing was sent
     * @throws TransportClosed if the connection is gone
     * @throws io.jtractor.sc.Cancelled if the calling task is cancelled while waiting
     */
    void send(Msg msg) {
        long bytes = checkFrameSize(msg);
        outLock.lock();
        try {
            while (open && outboxBytes > 0 && outboxBytes + bytes > OUTBOX_LIMIT_BYTES) {
                roomWaiters++;
                try {
                    outboxRoom.await();
                } catch (InterruptedException e) {
                    throw CancelScope.interrupted(e);
                } finally {
                    roomWaiters--;
                }
            }
            if (!open) {
                throw closedError();
            }
            enqueueLocked(msg, bytes);
        } finally {
            outLock.unlock();
        }
    }

    /**
     * Queues one control message for the writer if the connection is still open; never waits.
     * Returns whether it was queued.
     */
    boolean trySend(Msg msg) {
        return tryEnqueue(msg, false);
    }

    /**
     * Like {@link #trySend}, for a message that the same dialog's outcome is likely to follow
     * at once (the {@code StartAck} of a plain function): the writer, if this wakes it, first
     * lets the runnable tasks run, so that the two usually leave in one write and reach the
     * peer in one read. Costs a short delay when the outcome does not come.
     */
    boolean trySendBeforeOutcome(Msg msg) {
        return tryEnqueue(msg, true);
    }

    private boolean tryEnqueue(Msg msg, boolean writerYieldsFirst) {
        long bytes = estimateBytes(msg);
        outLock.lock();
        try {
            if (!open) {
                log.debug("{} for {} not sent: the connection is closed", msg.msgType(), peer);
                return false;
            }
            yieldFirst |= writerYieldsFirst && writerIdle;
            enqueueLocked(msg, bytes);
            return true;
        } finally {
            outLock.unlock();
        }
    }

    private void enqueueLocked(Msg msg, long bytes) {
        outbox.addLast(msg);
        outboxBytes += bytes;
        wakeWriterLocked();
    }

    private void wakeWriterLocked() {
        if (writerIdle) {
            writerIdle = false;
            outboxReady.signal();
        }
    }

    /**
     * Asks the writer to send {@code ctx} a {@code Credit} for what its application consumed,
     * counted when the writer gets to it ({@link ContextImpl#takeScheduledGrant}), so that
     * consumption until then travels in the same frame. Never waits; the caller schedules a
     * dialog at most once until the writer has taken it. Re-grants only: a dialog's first
     * window goes through {@link #trySend}, in order after its {@code Start}.
     */
    void scheduleGrant(ContextImpl ctx) {
        outLock.lock();
        try {
            if (open) {
                grants.addLast(ctx);
                wakeWriterLocked();
            }
        } finally {
            outLock.unlock();
        }
    }

    /**
     * Checks that a message fits in one frame, by the size of what it carries.
     *
     * @return its estimated size in bytes
     * @throws IllegalArgumentException if it does not fit
     */
    long checkFrameSize(Msg msg) {
        long bytes = estimateBytes(msg);
        int limit = runtime.config().maxFrameBytes();
        if (bytes > limit) {
            throw new IllegalArgumentException(msg.msgType() + " for context " + msg.cid()
                    + " carries about " + bytes + " bytes, over the frame limit of " + limit
                    + " bytes");
        }
        return bytes;
    }

    private static long estimateBytes(Msg msg) {
        long payload = switch (msg) {
            case Msg.Yield m -> m.pld().length();
            case Msg.Started m -> m.pld().length();
            case Msg.Return m -> m.pld().length();
            case Msg.Start m -> m.kwargs().entrySet().stream()
                    .mapToLong(e -> e.getKey().length() + e.getValue().length()).sum();
            case Msg.ErrorMsg m -> (m.message() == null ? 0 : m.message().length())
                    + m.tbStr().length();
            default -> 0;
        };
        return payload + ENVELOPE_BYTES;
    }

    private TransportClosed closedError() {
        return new TransportClosed("the connection to " + peer + " is closed", closeCause);
    }

    /**
     * The writer thread: takes the whole outbox at a time, writes it into the transport's
     * buffer, and flushes once the outbox is empty.
     */
    private void writeLoop() {
        var batch = new ArrayDeque<Msg>();
        var grantBatch = new ArrayDeque<ContextImpl>();
        boolean unflushed = false;
        Throwable failure = null;
        try {
            while (true) {
                if (awaitWork(unflushed)) {
                    // Lets the task that is about to produce an outcome queue it first.
                    Thread.yield();
                }
                outLock.lock();
                try {
                    if (discard) {
                        break;
                    }
                    if (!outbox.isEmpty()) {
                        var taken = outbox;
                        outbox = batch;
                        batch = taken;
                        outboxBytes = 0;
                        if (roomWaiters > 0) {
                            outboxRoom.signalAll();
                        }
                    }
                    if (!grants.isEmpty()) {
                        var taken = grants;
                        grants = grantBatch;
                        grantBatch = taken;
                    }
                } finally {
                    outLock.unlock();
                }
                if (batch.isEmpty() && grantBatch.isEmpty()) {
                    if (!unflushed) {
                        break;
                    }
                    transport.flush();
                    unflushed = false;
                    continue;
                }
                writeGrants(grantBatch);
                writeBatch(batch);
                unflushed = true;
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            if (failure != null) {
                lost(failure);
            } else {
                transport.close();
            }
            writerEnded.countDown();
        }
    }

    /**
     * The writer waits until there is something to write or flush, or the connection closes.
     * Returns whether it should yield before taking the outbox ({@link #trySendBeforeOutcome}).
     */
    private boolean awaitWork(boolean unflushed) {
        outLock.lock();
        try {
            if (outbox.isEmpty() && grants.isEmpty() && !unflushed) {
                while (outbox.isEmpty() && grants.isEmpty() && open) {
                    writerIdle = true;
                    outboxReady.awaitUninterruptibly();
                }
                writerIdle = false;
            }
            boolean yield = yieldFirst;
            yieldFirst = false;
            return yield && open;
        } finally {
            outLock.unlock();
        }
    }

    private void writeGrants(ArrayDeque<ContextImpl> grantBatch) {
        for (ContextImpl ctx; (ctx = grantBatch.pollFirst()) != null; ) {
            int credits = ctx.takeScheduledGrant();
            if (credits > 0) {
                writeOne(new Msg.Credit(ctx.contextId(), credits));
            }
        }
    }

    private void writeOne(Msg msg) {
        if (log.isTraceEnabled()) {
            log.trace("{} -> {}: {}", runtime.id(), peer, msg);
        }
        transport.write(msg);
    }

    private void writeBatch(ArrayDeque<Msg> batch) {
        try {
            for (Msg msg; (msg = batch.pollFirst()) != null; ) {
                if (log.isTraceEnabled()) {
                    log.trace("{} -> {}: {}", runtime.id(), peer, msg);
                }
                try {
                    transport.write(msg);
                } catch (IllegalArgumentException unencodable) {
                    writeErrorInstead(msg, unencodable);
                }
            }
        } finally {
            batch.clear();
        }
    }

    /**
     * A queued message could not be encoded (checked too late, or a value tree that does not
     * encode): its dialog fails here, and the peer gets an Error instead, so neither side
     * waits for it.
     */
    private void writeErrorInstead(Msg msg, IllegalArgumentException unencodable) {
        log.warn("{} for context {} to {} could not be encoded: {}", msg.msgType(), msg.cid(),
                peer, unencodable.getMessage());
        var cid = msg.cid();
        if (cid == null) {
            return;
        }
        var failure = new MessageTypeException(msg.msgType() + " for context " + cid
                + " could not be sent by " + runtime.id() + ": " + unencodable.getMessage(),
                unencodable);
        // An Error that does not fit goes out cut to fit: the peer still learns what failed.
        transport.write(msg instanceof Msg.ErrorMsg err
                ? Errors.shrunk(err, "replaced: " + unencodable.getMessage())
                : Errors.box(failure, runtime.id(), cid));
        var ctx = dialogs.get(cid);
        if (ctx != null) {
            ctx.fail(failure);
        }
    }

    // ---- dialogs ---------------------------------------------------------------------------

    /**
     * Opens a dialog as the caller: registers it, sends {@code Start} and returns at once. A
     * call into the peer's runtime (namespace {@code self}: cancel requests) is a control
     * message and never waits for room in the outbox, so that tearing a peer down cannot hang
     * on a peer that stopped reading.
     *
     * @param initialWindow credits granted right after the Start (streams from the callee), or 0
     */
    ContextImpl start(String ns, String func, Map<String, RawValue> kwargs, ContextImpl.Role role,
            EndpointKind kind, Type resultType, int initialWindow) {
        var cid = ContextIds.random();
        var ctx = new ContextImpl(this, cid, role, kind, resultType);
        dialogs.put(cid, ctx);
        try {
            var start = new Msg.Start(cid, ns, func, kwargs, runtime.id(),
                    Msg.Start.DEFAULT_PLD_SPEC);
            if (!"self".equals(ns)) {
                send(start);
            } else if (!trySend(start)) {
                throw closedError();
            }
            if (initialWindow > 0) {
                ctx.grantWindow(initialWindow);
            }
        } catch (RuntimeException e) {
            unregister(ctx);
            throw e;
        }
        return ctx;
    }

    static Map<String, RawValue> encodeArgs(Map<String, ?> kwargs) {
        var encoded = new LinkedHashMap<String, RawValue>();
        kwargs.forEach((k, v) -> encoded.put(k, Payloads.encode(v)));
        return encoded;
    }

    /**
     * The arguments of a runtime method ({@code self:...}): plain value trees (strings, numbers,
     * lists, maps), encoded without the payload mapper, so that booting, registering and
     * cancelling load no Jackson.
     */
    private static Map<String, RawValue> encodeSelfArgs(Map<String, ?> kwargs) {
        var encoded = new LinkedHashMap<String, RawValue>();
        kwargs.forEach((k, v) -> encoded.put(k, Values.toRaw(v)));
        return encoded;
    }

    /**
     * Calls a runtime method in the peer's reserved namespace and waits at most {@code bound}
     * for its outcome.
     *
     * @throws IllegalStateException if no outcome arrived in time
     * @throws io.jtractor.RemoteActorException the method's failure
     * @throws TransportClosed if the connection is lost
     */
    RawValue callSelf(String func, Map<String, ?> kwargs, Duration bound) {
        var ctx = start("self", func, encodeSelfArgs(kwargs), ContextImpl.Role.CALL,
                EndpointKind.PLAIN, Object.class, 0);
        try {
            if (!ctx.awaitDoneFor(bound)) {
                throw new IllegalStateException("self:" + func + " on " + peer
                        + " had no answer within " + bound.toMillis() + " ms");
            }
            return ctx.awaitOutcome();
        } finally {
            unregister(ctx);
        }
    }

    /**
     * Asks the peer to cancel the child task of dialog {@code cid} and waits at most
     * {@code timeout} for the acknowledgement. Returns whether it was acknowledged in time.
     */
    boolean cancelTask(String cid, Duration timeout) {
        return requestCancel("_cancel_task", Map.of("cid", cid), timeout);
    }

    /**
     * Sends one of the peer's cancel methods ({@code self:cancel}, {@code self:_cancel_task})
     * and waits at most {@code timeout} for its {@code CancelAck}. Returns whether the peer
     * acknowledged in time; a peer that is gone or answers with an error has not.
     */
    boolean requestCancel(String func, Map<String, ?> kwargs, Duration timeout) {
        ContextImpl ctx;
        try {
            ctx = start("self", func, encodeSelfArgs(kwargs), ContextImpl.Role.CALL,
                    EndpointKind.PLAIN, Boolean.class, 0);
        } catch (TransportClosed gone) {
            return false;
        }
        try {
            return ctx.awaitDoneFor(timeout) && ctx.error().isEmpty()
                    && Boolean.TRUE.equals(ctx.result(Boolean.class));
        } catch (RuntimeException e) {
            return false;
        } finally {
            unregister(ctx);
        }
    }

    void register(ContextImpl ctx) {
        dialogs.put(ctx.contextId(), ctx);
    }

    void unregister(ContextImpl ctx) {
        if (dialogs.remove(ctx.contextId(), ctx)) {
            rememberEnded(ctx.contextId());
        }
    }

    /** Remembers a context id that ended (or was refused), so that late messages are dropped. */
    void rememberEnded(String cid) {
        synchronized (ended) {
            ended.put(cid, Boolean.TRUE);
        }
    }

    private boolean endedRecently(String cid) {
        synchronized (ended) {
            return ended.containsKey(cid);
        }
    }

    ContextImpl dialog(String cid) {
        return dialogs.get(cid);
    }

    // ---- reading -----------------------------------------------------------------------------

    /** Reads and dispatches until the peer hangs up or the transport fails. */
    void readLoop() {
        Throwable cause = null;
        var yields = new YieldBatch();
        try {
            while (true) {
                Msg msg;
                try {
                    msg = transport.receive();
                } catch (MalformedMessageException e) {
                    yields.deliver();
                    rejectMalformed(e);
                    continue;
                } catch (FrameTooLargeException e) {
                    // The transport has closed itself: the stream position is lost.
                    log.info("frame from {} over the limit, connection closed: {}", peer,
                            e.getMessage());
                    cause = e;
                    break;
                }
                if (msg == null) {
                    yields.deliver();
                    break;
                }
                if (msg instanceof Msg.Yield yield && yields.add(yield)) {
                    if (yields.size() >= YieldBatch.MAX || !transport.hasBufferedMessage()) {
                        yields.deliver();
                    }
                    continue;
                }
                yields.deliver();
                dispatch(msg);
            }
        } catch (TruncatedFrameException e) {
            log.info("{} hung up inside a frame: {}", peer, e.getMessage());
            cause = e;
        } catch (Throwable t) {
            cause = t;
        } finally {
            lost(cause);
        }
    }

    /**
     * Consecutive {@code Yield}s for one dialog that the reader hands over at once: one lock
     * and at most one wake-up of the receiving task for the lot. Delivered when a frame of
     * another kind or dialog comes, when the batch is full, and before the reader blocks.
     */
    private final class YieldBatch {
        /** The most Yields handed over at once: the first of them waits for the last. */
        private static final int MAX = 16;

        private final ArrayList<RawValue> payloads = new ArrayList<>();
        private ContextImpl ctx;
        private String cid;

        /** Adds a Yield if it belongs to a known dialog; returns whether it was taken. */
        boolean add(Msg.Yield yield) {
            if (ctx == null || !cid.equals(yield.cid())) {
                deliver();
                var found = dialogs.get(yield.cid());
                if (found == null) {
                    return false;
                }
                ctx = found;
                cid = yield.cid();
            }
            payloads.add(yield.pld());
            return true;
        }

        int size() {
            return payloads.size();
        }

        void deliver() {
            if (ctx == null) {
                return;
            }
            var target = ctx;
            ctx = null;
            cid = null;
            try {
                target.deliverYields(payloads);
            } catch (RuntimeException e) {
                log.info("Yield from {} for context {} could not be handled: {}", peer,
                        target.contextId(), e.toString());
                replyBadInput(target.contextId(), "Yield for context " + target.contextId()
                        + " could not be handled by " + runtime.id() + ": " + e.getMessage(), e);
            } finally {
                payloads.clear();
            }
        }
    }

    private void dispatch(Msg msg) {
        if (log.isTraceEnabled()) {
            log.trace("{} <- {}: {}", runtime.id(), peer, msg);
        }
        try {
            switch (msg) {
                case Msg.Start start -> runtime.handleStart(this, start);
                case Msg.Aid aid -> rejectUnexpected(msg, "a second Aid");
                case Msg.SpawnSpec spec -> rejectUnexpected(msg, "a SpawnSpec outside a spawn");
                case Msg.ErrorMsg err when err.cid() == null -> unattributed(err);
                default -> {
                    var ctx = dialogs.get(msg.cid());
                    if (ctx != null) {
                        ctx.deliver(msg);
                    } else {
                        unknownContext(msg);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.info("{} from {} for context {} could not be handled: {}", msg.msgType(), peer,
                    msg.cid(), e.toString());
            replyBadInput(msg.cid(), msg.msgType() + " for context " + msg.cid()
                    + " could not be handled by " + runtime.id() + ": " + e.getMessage(), e);
        }
    }

    private void unattributed(Msg.ErrorMsg err) {
        var boxed = Errors.unbox(err);
        unattributedError = boxed;
        log.debug("error from {} outside any dialog: {}", peer,
                boxed.getMessage().lines().findFirst().orElse(""));
    }

    private void unknownContext(Msg msg) {
        var cid = msg.cid();
        if (endedRecently(cid)) {
            log.trace("late {} from {} for ended context {}: dropped", msg.msgType(), peer, cid);
            return;
        }
        if (msg instanceof Msg.ErrorMsg err) {
            log.info("Error from {} for unknown context {} dropped: {}", peer, cid,
                    err.message());
            return;
        }
        log.info("{} from {} for unknown context {}: answered with an Error", msg.msgType(),
                peer, cid);
        replyBadInput(cid, msg.msgType() + " from " + peer + " names context " + cid
                + ", which " + runtime.id() + " does not have on this connection", null);
    }

    private void rejectUnexpected(Msg msg, String what) {
        log.info("{} from {} after the handshake: answered with an Error", what, peer);
        replyBadInput(null, "unexpected " + msg.msgType() + " from " + peer + " after the"
                + " handshake: " + what + " is not part of the protocol here", null);
    }

    private void rejectMalformed(MalformedMessageException e) {
        log.info("malformed message from {}: {}", peer, e.getMessage());
        var cid = e.cid();
        var failure = new MessageTypeException("malformed "
                + (e.msgType() == null ? "message" : e.msgType()) + " from " + peer
                + " rejected by " + runtime.id() + ": " + e.getMessage(), e);
        trySend(Errors.box(failure, runtime.id(), cid));
        var ctx = cid == null ? null : dialogs.get(cid);
        if (ctx != null) {
            ctx.fail(failure);
        }
    }

    private void replyBadInput(String cid, String message, Throwable cause) {
        trySend(Errors.box(new MessageTypeException(message, cause), runtime.id(), cid));
    }

    // ---- closing -----------------------------------------------------------------------------

    /**
     * The connection is gone (the transport failed or the peer hung up): whatever is queued is
     * dropped, every dialog fails with {@link TransportClosed} and the runtime is told.
     * Idempotent.
     */
    void lost(Throwable cause) {
        boolean first = shutDown(true, cause);
        transport.close();
        var failure = new TransportClosed("the connection to " + peer + " was lost"
                + (cause == null ? " (peer hung up)" : ": " + cause), first ? closeCause : cause);
        if (!first) {
            // Another thread (the reader, or a supervisor that saw the process die) is failing
            // the dialogs for the same loss. Fail here those it has not reached yet, so that
            // every dialog has its outcome when this returns: a supervisor cancels the nursery
            // next, and a task waiting on a dialog must meet the loss, not only that cancel.
            for (var ctx : dialogs.values()) {
                ctx.connectionLost(failure);
            }
            return;
        }
        log.debug("connection {} <-> {} lost{}", runtime.id(), peer,
                cause == null ? " (peer hung up)" : ": " + cause);
        failDialogs(failure);
    }

    /**
     * Closes the connection from this side: every dialog fails with {@link TransportClosed} at
     * once, what was queued before is still written (for at most {@link #CLOSE_DRAIN}), then
     * the transport closes. Returns once it has. Idempotent.
     */
    void close() {
        beginClose();
        awaitClosed();
    }

    /** The first half of {@link #close()}: stops accepting messages; returns at once. */
    void beginClose() {
        if (!shutDown(false, null)) {
            return;
        }
        log.debug("connection {} <-> {} closed by this side", runtime.id(), peer);
        failDialogs(new TransportClosed("the connection to " + peer + " was closed by "
                + runtime.id(), null));
    }

    /** The second half of {@link #close()}: waits for the writer, bounded, then closes. */
    void awaitClosed() {
        boolean interrupted = false;
        long deadline = System.nanoTime() + CLOSE_DRAIN.toNanos();
        try {
            while (writerEnded.getCount() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.debug("writer to {} did not drain within {} ms: closing regardless", peer,
                            CLOSE_DRAIN.toMillis());
                    break;
                }
                try {
                    writerEnded.await(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            transport.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops accepting messages; returns whether this call did it. */
    private boolean shutDown(boolean dropQueued, Throwable cause) {
        outLock.lock();
        try {
            if (dropQueued) {
                discard = true;
                outbox.clear();
                grants.clear();
                outboxBytes = 0;
            }
            outboxReady.signal();
            outboxRoom.signalAll();
            if (!open) {
                return false;
            }
            open = false;
            closeCause = cause == null && unattributedError != null ? unattributedError : cause;
            return true;
        } finally {
            outLock.unlock();
        }
    }

    private void failDialogs(TransportClosed failure) {
        for (var ctx : dialogs.values()) {
            ctx.connectionLost(failure);
        }
        runtime.connectionClosed(this);
    }

    @Override
    public String toString() {
        return "Connection[" + runtime.id() + " <-> " + peer + ", " + (open ? "open" : "closed")
                + ", dialogs=" + dialogs.size() + "]";
    }
}
