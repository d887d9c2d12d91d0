package io.jtractor.internal.runtime;

import io.jtractor.Context;
import io.jtractor.ContextCancelled;
import io.jtractor.MessageTypeException;
import io.jtractor.MsgStream;
import io.jtractor.StreamOptions;
import io.jtractor.StreamOverrun;
import io.jtractor.ActorId;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.Payloads;
import io.jtractor.internal.msg.RawValue;
import io.jtractor.internal.msg.Values;
import io.jtractor.sc.CancelScope;
import io.jtractor.sc.ClosedResourceException;
import io.jtractor.sc.EndOfChannel;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One side of a context, and the engine behind RPCs and one-way streams (a dialog keyed by its
 * context id on one connection).
 *
 * <p><b>Implementation overview.</b> The connection's reader thread hands every message for this
 * cid to {@link #deliver}, which never blocks: it updates the state below under {@code lock} and
 * signals {@code changed}. Application threads wait on {@code changed} for the state they need
 * (the ack, the first value, a stream message, a send credit, the outcome). The dialog ends with
 * exactly one outcome: {@code Return} ({@code returned}) or a failure ({@code error}: a boxed
 * remote error or a lost connection); once set, it never changes, so every waiter sees the same
 * end.
 *
 * <p>Flow control: a receiver grants its peer credits for {@code window} messages when it opens
 * its stream and re-grants as the application consumes: once a quarter window was consumed, or
 * an eighth when the application has taken all that arrived (the sender is then likely to be
 * waiting). A re-grant is only scheduled with the connection's writer, which counts it when it
 * writes the {@code Credit} ({@link #takeScheduledGrant}), so that what was consumed meanwhile
 * travels in the same frame and a dialog has at most one re-grant in the writer's hands. The
 * sender spends one credit per {@code Yield} and waits when it has none. The reader hands
 * consecutive {@code Yield}s over in one batch ({@link #deliverYields}): one lock and one
 * signal for the lot. Messages that arrive after this side closed its stream, or while
 * {@link #result()} discards, are dropped and re-credited at once so that a finite sender can
 * always finish.
 *
 * <p>Under the overrun policy a message beyond the buffer is dropped and the sender is told
 * once ({@link #reportOverrun}). That error may reach the sender after it returned or closed
 * its stream; the dialog then ends cleanly, so this side raises a StreamOverrun of its own at
 * the receive that finds the stream ended and from {@link #result()}: loss is never silent.
 *
 * <p>Parent side: the opener's thread enters a cancel scope for the context's lifetime; a remote
 * error cancels it, so a parent task blocked elsewhere in the scope wakes too, while this
 * context's own blocking calls raise the remote error itself. Leaving the scope clears the
 * interrupt that woke such a task, and {@link #close} raises the remote error; when the woken
 * call's exception is what leaves the try-with-resources, the remote error travels with it as
 * suppressed, and the enclosing body-taking scope or nursery task reports the remote error
 * instead (the rule lives in {@link CancelScope}).
 */
public final class ContextImpl implements Context {

    enum Role {
        /** Parent side of a context opened with openContext. */
        CONTEXT,
        /** Caller of a plain function (portal.run) or of a runtime method in namespace self. */
        CALL,
        /** Consumer of a streaming endpoint (openStreamFrom). */
        STREAM_FROM,
        /** Child side: the runtime runs an endpoint for the peer. */
        CHILD
    }

    private final Connection conn;
    private final String cid;
    private final Role role;
    /** Parent side: the kind the API expects; child side: the endpoint's kind. */
    private final EndpointKind kind;
    /** Parent side: the declared type of the result or stream elements; may be Object. */
    private final Type resultType;
    private final int defaultWindow;
    /** Credit granted under the overrun policy: the sender never waits. */
    private static final long UNLIMITED_CREDIT = 1L << 40;
    /** The payloads a CancelAck stands for: the acknowledgement as a boolean result. */
    private static final RawValue ACK_TRUE = Values.toRaw(Boolean.TRUE);
    private static final RawValue ACK_FALSE = Values.toRaw(Boolean.FALSE);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // ---- guarded by lock ----
    private String functype;
    private boolean startedSeen;
    private RawValue first;
    private final ArrayDeque<RawValue> inbox = new ArrayDeque<>();
    private boolean peerStopped;
    private boolean returnSeen;
    private RawValue returned;
    private RuntimeException error;
    private boolean errorRaised;
    private long sendCredits;
    private int window;
    private int consumedSinceGrant;
    /** Whether the connection's writer will take this side's consumed messages as a grant. */
    private boolean grantScheduled;
    private boolean streamOpened;
    private boolean streamClosed;
    private boolean discarding;
    private boolean closed;
    /** Receive side: whether senders get unlimited credit and an overflow is dropped (S6). */
    private boolean overrunMode;
    /** Receive side: messages queued beyond the window before an overrun. */
    private int overflow;
    /** Receive side: whether the sender was already told of an overrun on this stream. */
    private boolean overrunReported;
    /** Receive side: how many stream messages were dropped because the buffer was full. */
    private int overrunDropped;
    /** Receive side: the StreamOverrun this side raises itself when the dialog ends cleanly. */
    private StreamOverrun overrunLoss;
    /** Child side: the stream was closed and its Stop waits for the endpoint's outcome. */
    private boolean stopDeferred;
    /** The most messages ever buffered at once, for tests of bounded memory. */
    private int maxBuffered;

    // ---- written by one thread, read by any ----
    private volatile boolean cancelCalled;
    /** Whether this context's cancel request preceded any actor-level cancel of the peer. */
    private volatile boolean cancelledBeforeActor;
    private volatile boolean cancelAcked;
    private volatile ActorId canceller;
    /** Parent: the context scope entered by the opener; child: the endpoint task's scope. */
    private volatile CancelScope scope;
    private volatile Thread owner;
    /** The context's stream options (the default for openStream without options). */
    private volatile StreamOptions options;
    /** Declared payload types of the endpoint (started value, stream messages), or null. */
    private volatile PayloadTypes payloadTypes;
    private final java.util.concurrent.CountDownLatch taskEnded =
            new java.util.concurrent.CountDownLatch(1);

    ContextImpl(Connection conn, String cid, Role role, EndpointKind kind, Type resultType) {
        this.conn = conn;
        this.cid = cid;
        this.role = role;
        this.kind = kind;
        this.resultType = resultType == null ? Object.class : resultType;
        this.defaultWindow = conn.runtime().config().msgBufferSize();
        this.options = StreamOptions.defaults().withMsgBufferSize(defaultWindow);
    }

    /** Sets the context's stream options, the default of openStream() (parent side). */
    void useOptions(StreamOptions streamOptions) {
        options = streamOptions;
    }

    /** Declares the endpoint's payload types: checked on started() and on receipt. */
    void declare(PayloadTypes types) {
        payloadTypes = types;
    }

    // ---- reader side -----------------------------------------------------------------------

    /**
     * Takes consecutive {@code Yield} payloads for this dialog from the connection's reader,
     * under one lock and with one signal. Never blocks.
     */
    void deliverYields(List<RawValue> payloads) {
        int creditBack = 0;
        boolean overrun = false;
        lock.lock();
        try {
            for (int i = 0, n = payloads.size(); i < n; i++) {
                if (streamClosed || discarding) {
                    creditBack += creditForDiscard();
                } else if (inbox.size() >= receiveCapacity()) {
                    overrun |= !overrunReported;
                    overrunReported = true;
                    overrunDropped++;
                } else {
                    inbox.addLast(payloads.get(i));
                }
            }
            maxBuffered = Math.max(maxBuffered, inbox.size());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (creditBack > 0) {
            conn.trySend(new Msg.Credit(cid, creditBack));
        }
        if (overrun) {
            reportOverrun();
        }
    }

    /** Takes one message for this dialog from the connection's reader. Never blocks. */
    void deliver(Msg msg) {
        if (msg instanceof Msg.Yield yield) {
            deliverYields(List.of(yield.pld()));
            return;
        }
        RuntimeException failure = null;
        lock.lock();
        try {
            switch (msg) {
                case Msg.StartAck ack -> functype = ack.functype();
                case Msg.Started started -> {
                    startedSeen = true;
                    first = started.pld();
                }
                case Msg.Stop stop -> peerStopped = true;
                case Msg.Return ret -> {
                    if (!isDoneLocked()) {
                        returnSeen = true;
                        returned = ret.pld();
                    }
                }
                case Msg.CancelAck ack -> {
                    if (!isDoneLocked()) {
                        returnSeen = true;
                        returned = ack.pld() ? ACK_TRUE : ACK_FALSE;
                    }
                }
                case Msg.ErrorMsg err -> {
                    if (!isDoneLocked()) {
                        error = Errors.unbox(err);
                        failure = isAbsorbed(error) ? null : error;
                    }
                }
                case Msg.Credit credit -> sendCredits += credit.credits();
                default -> throw new IllegalArgumentException(
                        "message kind " + msg.msgType() + " does not belong to a dialog");
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            failScope(failure);
        }
    }

    /**
     * How many messages this side holds before it overruns: its window (granted credits, or
     * the default before it opened its stream) plus the overflow queue it allows.
     */
    private int receiveCapacity() {
        return (window > 0 ? window : defaultWindow) + overflow;
    }

    /** The sender overran this side's buffer: the message was dropped; tell it, once. */
    private void reportOverrun() {
        int capacity;
        lock.lock();
        try {
            capacity = receiveCapacity();
        } finally {
            lock.unlock();
        }
        conn.trySend(Errors.overrun(conn.runtime().id(), conn.peer(), cid, capacity));
    }

    /**
     * The loss this side raises itself when it dropped messages and the stream or the dialog
     * ended without the sender's StreamOverrun failing it: the sender returned or closed its
     * stream before that error reached it, or it caught the error (SPEC S6). Null when nothing
     * was dropped. Called under {@code lock}.
     */
    private StreamOverrun unreportedLossLocked() {
        if (overrunDropped == 0) {
            return null;
        }
        if (overrunLoss == null) {
            overrunLoss = Errors.overrunLoss(conn.runtime().id(), conn.peer(), cid,
                    receiveCapacity(), overrunDropped);
        }
        return overrunLoss;
    }

    /** The connection is gone: the dialog fails with {@code TransportClosed} (SPEC C12). */
    void connectionLost(RuntimeException transportClosed) {
        fail(transportClosed);
    }

    /**
     * The dialog fails here without a message from the peer (the connection is gone, or a
     * message for it was malformed or could not be sent): the same as an Error from the peer.
     * Nothing happens once the dialog has its outcome.
     */
    void fail(RuntimeException failure) {
        lock.lock();
        try {
            if (isDoneLocked()) {
                return;
            }
            error = failure;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        failScope(failure);
    }

    private void failScope(RuntimeException failure) {
        var s = scope;
        if (s != null) {
            s.cancel(role == Role.CHILD ? "the parent side of context " + cid + " failed"
                    : "the child side of context " + cid + " failed", failure);
        }
    }

    private int creditForDiscard() {
        if (!conn.usesCredits()) {
            return 0;
        }
        consumedSinceGrant++;
        return takeDueCredits();
    }

    private int takeDueCredits() {
        int due = Math.max(1, window / 4);
        if (consumedSinceGrant < due) {
            return 0;
        }
        int grant = consumedSinceGrant;
        consumedSinceGrant = 0;
        return grant;
    }

    /**
     * Whether to re-grant now: a quarter window was consumed, or an eighth and the application
     * has taken everything that arrived, so that the sender is likely to wait for these credits.
     */
    private boolean grantDueLocked() {
        return consumedSinceGrant >= Math.max(1, window / 4)
                || inbox.isEmpty() && consumedSinceGrant >= Math.max(1, window / 8);
    }

    /**
     * For the connection's writer: the credits to grant now for what the application consumed
     * since the last grant, or 0 when the stream or the dialog has ended.
     */
    int takeScheduledGrant() {
        lock.lock();
        try {
            grantScheduled = false;
            int grant = streamClosed || isDoneLocked() ? 0 : consumedSinceGrant;
            consumedSinceGrant -= grant;
            return grant;
        } finally {
            lock.unlock();
        }
    }

    // ---- parent side: opening --------------------------------------------------------------

    /** Parent side: remembers the opener's scope so that a remote error can cancel it. */
    void enterScope() {
        owner = Thread.currentThread();
        scope = CancelScope.open();
    }

    /**
     * Waits for the callee's {@code StartAck} and checks that the endpoint kind matches the API
     * used (SPEC P3).
     */
    void awaitAck() {
        lock.lock();
        try {
            while (functype == null) {
                throwIfFailed();
                if (returnSeen) {
                    throw new IllegalStateException("protocol error: context " + cid
                            + " returned before it was acknowledged");
                }
                await();
            }
        } finally {
            lock.unlock();
        }
        var reported = EndpointKind.ofFunctype(functype);
        if (reported != kind) {
            throw new IllegalArgumentException("the remote function is a " + describe(reported)
                    + " endpoint (functype " + functype + "): call it with " + reported.api()
                    + ", not " + kind.api());
        }
    }

    /**
     * Waits for the callee's {@code StartAck} and returns the {@code functype} it reports,
     * whatever kind this side expected: for callers that learn the kind from the callee.
     *
     * @throws RuntimeException the callee's refusal (an {@code Error} before any
     *     {@code StartAck}), or the connection's loss
     */
    String awaitFunctype() {
        lock.lock();
        try {
            while (functype == null) {
                throwIfFailed();
                if (returnSeen) {
                    throw new IllegalStateException("protocol error: context " + cid
                            + " returned before it was acknowledged");
                }
                await();
            }
            return functype;
        } finally {
            lock.unlock();
        }
    }

    private static String describe(EndpointKind kind) {
        return switch (kind) {
            case PLAIN -> "plain";
            case STREAMING -> "streaming";
            case CONTEXT -> "context";
        };
    }

    /** Parent side: waits until the child called started() (SPEC C1, C3). */
    void awaitStarted() {
        lock.lock();
        try {
            while (!startedSeen) {
                throwIfFailed();
                if (returnSeen) {
                    throw new IllegalStateException("protocol error: the child side of context "
                            + cid + " returned without calling started()");
                }
                await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Grants the peer its first window of credits (this side starts receiving). */
    void grantWindow(int size) {
        openReceiving(StreamOptions.defaults().withMsgBufferSize(size));
    }

    /**
     * This side starts receiving with {@code streamOptions}: with credits, the peer is granted
     * the buffer's worth (more if the window grows); with the overrun policy, the peer gets
     * unlimited credit and this side drops what overflows (SPEC S6).
     */
    void openReceiving(StreamOptions streamOptions) {
        long grant;
        lock.lock();
        try {
            int size = streamOptions.msgBufferSize();
            overflow = streamOptions.overflow();
            if (streamOptions.usesOverrunPolicy()) {
                grant = overrunMode ? 0 : UNLIMITED_CREDIT;
                overrunMode = true;
                window = Math.max(window, size);
            } else {
                grant = overrunMode ? 0 : Math.max(0, size - window);
                window = Math.max(window, size);
            }
        } finally {
            lock.unlock();
        }
        if (grant > 0 && conn.usesCredits()) {
            conn.trySend(new Msg.Credit(cid, grant));
        }
    }

    // ---- Context API: child side -----------------------------------------------------------

    @Override
    public void started(Object value) {
        if (role != Role.CHILD) {
            throw new IllegalStateException("started() is called by the child side of a context;"
                    + " the parent receives the value with first()");
        }
        var types = payloadTypes;
        if (types != null) {
            types.checkStarted(value, cid);
        }
        lock.lock();
        try {
            if (startedSeen) {
                throw new IllegalStateException("started() was already called for context " + cid);
            }
            startedSeen = true;
        } finally {
            lock.unlock();
        }
        conn.send(new Msg.Started(cid, Payloads.encode(value)));
    }

    // ---- Context API: both sides -----------------------------------------------------------

    @Override
    public MsgStream<Object> openStream() {
        return openStream(null, options);
    }

    @Override
    public <T> MsgStream<T> openStream(Class<T> type) {
        return openStream(type, options);
    }

    @Override
    public <T> MsgStream<T> openStream(Class<T> type, int msgBufferSize) {
        return openStream(type, options.withMsgBufferSize(msgBufferSize));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> MsgStream<T> openStream(Class<T> type, StreamOptions streamOptions) {
        java.util.Objects.requireNonNull(streamOptions, "streamOptions");
        lock.lock();
        try {
            if (role == Role.CHILD && cancelCalled) {
                throw new ContextCancelled("context " + cid + " cancelled itself: no stream can"
                        + " be opened", "", conn.runtime().id(), cid, java.util.List.of(),
                        conn.runtime().id());
            }
            if (cancelCalled) {
                throw new IllegalStateException("context " + cid + " was cancelled: no stream"
                        + " can be opened");
            }
            throwIfFailed();
            if (!startedSeen) {
                throw new IllegalStateException(role == Role.CHILD
                        ? "call ctx.started() before opening the stream of context " + cid
                        : "the child of context " + cid + " has not started");
            }
            if (streamOpened) {
                throw new IllegalStateException("context " + cid + " already has a stream:"
                        + " streams are one-shot");
            }
            streamOpened = true;
        } finally {
            lock.unlock();
        }
        openReceiving(streamOptions);
        var types = payloadTypes;
        Type received = type != null ? type
                : types != null && role != Role.CHILD ? types.stream() : Object.class;
        return (MsgStream<T>) new MsgStreamImpl<>(this, received);
    }

    /** Parent side of openStreamFrom: the stream exists from the start. */
    <T> MsgStream<T> streamFrom(Type elementType) {
        lock.lock();
        try {
            streamOpened = true;
            startedSeen = true;
        } finally {
            lock.unlock();
        }
        return new MsgStreamImpl<>(this, elementType);
    }

    @Override
    public void cancel() {
        if (role == Role.CHILD) {
            cancelCalled = true;
            canceller = conn.runtime().id();
            var s = scope;
            if (s != null) {
                s.cancel("context " + cid + " cancelled itself");
            }
            return;
        }
        requestCancel(conn.runtime().config().contextCancelTimeout());
    }

    /** Parent side: sends a cancel request and waits a bounded time for the acknowledgement. */
    void requestCancel(Duration timeout) {
        if (!cancelCalled && !conn.isActorCancelRequested()) {
            cancelledBeforeActor = true;
        }
        cancelCalled = true;
        if (isDone() || !conn.isOpen()) {
            return;
        }
        cancelAcked = conn.cancelTask(cid, timeout);
    }

    // ---- Context API: parent side ----------------------------------------------------------

    @Override
    public Object first() {
        var types = payloadTypes;
        Class<?> declared = types != null ? types.started() : Object.class;
        return first(declared);
    }

    @Override
    public <T> T first(Class<T> type) {
        checkParent("first");
        RawValue value;
        lock.lock();
        try {
            if (!startedSeen) {
                throw new IllegalStateException("context " + cid + " has not started");
            }
            value = first;
        } finally {
            lock.unlock();
        }
        return decodeMessage(value, type);
    }

    @Override
    public Object result() {
        checkParent("result");
        var raw = awaitOutcome();
        if (raw == null) {
            return error;
        }
        return decodeMessage(raw, resultType);
    }

    @Override
    public <T> T result(Class<T> type) {
        checkParent("result");
        var raw = awaitOutcome();
        return raw == null ? null : decodeMessage(raw, type);
    }

    /** Returns the Return payload, null when a cancellation was absorbed, or raises. */
    RawValue awaitOutcome() {
        startDiscarding();
        lock.lock();
        try {
            while (true) {
                if (returnSeen) {
                    var loss = unreportedLossLocked();
                    if (loss != null) {
                        throw loss;
                    }
                    return returned;
                }
                if (error != null) {
                    if (isAbsorbed(error)) {
                        return null;
                    }
                    throw raiseLocked();
                }
                await();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        if (role == Role.CHILD) {
            return;
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        try {
            closeStream();
            if (!isDone()) {
                requestCancel(conn.runtime().config().contextCancelTimeout());
                awaitEndShielded(conn.runtime().config().contextCancelTimeout().multipliedBy(4));
            }
        } finally {
            conn.unregister(this);
            leaveScope();
        }
        lock.lock();
        try {
            if (error != null && !errorRaised && !isAbsorbed(error)) {
                throw raiseLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    private void leaveScope() {
        var s = scope;
        if (s != null && owner == Thread.currentThread()) {
            s.close();
        }
    }

    /** Waits, not interruptibly and at most {@code bound}, for the dialog's outcome. */
    private void awaitEndShielded(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        boolean interrupted = false;
        startDiscarding();
        lock.lock();
        try {
            while (!isDoneLocked()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** For the runtime: the dialog is over for the caller; forget it. */
    boolean awaitDoneFor(Duration bound) {
        awaitEndShielded(bound);
        return isDone();
    }

    /**
     * From now on stream messages are dropped and re-credited at once, so that a peer still
     * sending can always reach its return. The parent side of a context that never opened its
     * stream grants a window now, or a child blocked on credit would never get there (a plain
     * call has no stream, and its callee keeps no dialog that credits could be sent to).
     */
    private void startDiscarding() {
        int dropped;
        boolean grant;
        lock.lock();
        try {
            if (discarding) {
                return;
            }
            discarding = true;
            dropped = inbox.size();
            inbox.clear();
            grant = window == 0 && role == Role.CONTEXT;
        } finally {
            lock.unlock();
        }
        if (grant) {
            grantWindow(defaultWindow);
        } else if (dropped > 0 && conn.usesCredits()) {
            conn.trySend(new Msg.Credit(cid, dropped));
        }
    }

    /** The most stream messages this side has held at once. */
    int maxBufferedMessages() {
        lock.lock();
        try {
            return maxBuffered;
        } finally {
            lock.unlock();
        }
    }

    /** Whether this side reported an overrun to its sender. */
    boolean reportedOverrun() {
        lock.lock();
        try {
            return overrunReported;
        } finally {
            lock.unlock();
        }
    }

    /** The receive window this side granted (its msgBufferSize), at least 1. */
    int window() {
        lock.lock();
        try {
            return Math.max(1, window == 0 ? defaultWindow : window);
        } finally {
            lock.unlock();
        }
    }

    // ---- streams -----------------------------------------------------------------------------

    void streamSend(RawValue payload) {
        lock.lock();
        try {
            while (true) {
                if (streamClosed) {
                    throw new ClosedResourceException("the stream of context " + cid
                            + " was closed by this side");
                }
                throwIfFailedOnStream(true);
                if (returnSeen) {
                    throw new ClosedResourceException("context " + cid + " has ended: the "
                            + (role == Role.CHILD ? "parent" : "child") + " side finished and"
                            + " receives no more");
                }
                if (sendCredits > 0 || !conn.usesCredits()) {
                    sendCredits--;
                    break;
                }
                await();
            }
        } finally {
            lock.unlock();
        }
        conn.send(new Msg.Yield(cid, payload));
    }

    RawValue streamReceive() {
        RawValue value;
        boolean schedule;
        lock.lock();
        try {
            while (true) {
                throwIfFailedOnStream(false);
                value = inbox.pollFirst();
                if (value != null) {
                    break;
                }
                var loss = streamClosed ? null : unreportedLossLocked();
                if (loss != null && (peerStopped || returnSeen)) {
                    throw loss;
                }
                if (peerStopped || returnSeen || streamClosed) {
                    throw new EndOfChannel("the " + (role == Role.CHILD ? "parent" : "child")
                            + " side of context " + cid + " closed its stream");
                }
                await();
            }
            schedule = false;
            if (conn.usesCredits() && !overrunMode) {
                consumedSinceGrant++;
                schedule = !grantScheduled && grantDueLocked();
                grantScheduled |= schedule;
            }
        } finally {
            lock.unlock();
        }
        if (schedule) {
            conn.scheduleGrant(this);
        }
        return value;
    }

    /** Closes this side's stream: sends Stop once unless the peer stopped or the dialog ended. */
    void closeStream() {
        boolean sendStop;
        int dropped;
        lock.lock();
        try {
            if (!streamOpened || streamClosed) {
                return;
            }
            streamClosed = true;
            sendStop = !peerStopped && !isDoneLocked() && role != Role.STREAM_FROM;
            if (sendStop && role == Role.CHILD) {
                // The child's Stop goes out with its outcome: if the endpoint is failing, its
                // Error alone ends the parent's stream, so the parent's blocked receive raises
                // the failure instead of a graceful end of stream.
                stopDeferred = true;
                sendStop = false;
            }
            dropped = inbox.size() + consumedSinceGrant;
            consumedSinceGrant = 0;
            inbox.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (sendStop) {
            conn.trySend(new Msg.Stop(cid));
        }
        if (dropped > 0 && conn.usesCredits() && !isDone()) {
            conn.trySend(new Msg.Credit(cid, dropped));
        }
    }

    /**
     * Child side, the endpoint returned: its stream is closed and the Stop (deferred when the
     * endpoint closed the stream itself) is sent, before the Return (SPEC S3).
     */
    void closeStreamIfOpen() {
        closeStream();
        boolean sendStop;
        lock.lock();
        try {
            sendStop = stopDeferred && !peerStopped && !isDoneLocked();
            stopDeferred = false;
        } finally {
            lock.unlock();
        }
        if (sendStop) {
            conn.trySend(new Msg.Stop(cid));
        }
    }

    /**
     * Child side: the endpoint failed with its stream still open. No Stop is sent: the Error
     * that follows ends the peer's stream, and the peer's blocked receive raises it.
     */
    void abandonStream() {
        lock.lock();
        try {
            stopDeferred = false;
            streamClosed = true;
            inbox.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Decodes a received payload into the type this side expects. A payload that does not fit
     * is the sender's error (SPEC E5): the context fails here with a
     * {@link MessageTypeException} naming the expected and the found type and showing the value,
     * and the peer is sent the same error so that its side fails too.
     */
    <T> T decodeMessage(RawValue raw, Type type) {
        try {
            return Payloads.decode(raw, type);
        } catch (RuntimeException e) {
            var found = describeFound(raw);
            var mismatch = new MessageTypeException("a message on context " + cid + " from "
                    + peer() + " does not match the declared type: expected "
                    + type.getTypeName() + ", found " + found, peer(), e);
            if (role != Role.CALL) {
                conn.trySend(Errors.box(mismatch, conn.runtime().id(), cid));
                fail(mismatch);
                lock.lock();
                try {
                    errorRaised = errorRaised || error == mismatch;
                } finally {
                    lock.unlock();
                }
            }
            throw mismatch;
        }
    }

    private static String describeFound(RawValue raw) {
        try {
            var value = Payloads.decodeGeneric(raw);
            return (value == null ? "nil" : value.getClass().getSimpleName()) + ": "
                    + PayloadTypes.preview(value);
        } catch (RuntimeException undecodable) {
            return "an undecodable value (" + undecodable.getMessage() + ")";
        }
    }

    // ---- child side: runtime hooks -----------------------------------------------------------

    void bindTaskScope(CancelScope taskScope) {
        scope = taskScope;
        var requester = canceller;
        if (requester != null) {
            taskScope.cancel("cancel requested by " + requester);
        }
    }

    /** Child side of a streaming endpoint: the stream exists from the start. */
    MsgStreamImpl<Object> openProducerStream() {
        lock.lock();
        try {
            startedSeen = true;
            streamOpened = true;
        } finally {
            lock.unlock();
        }
        return new MsgStreamImpl<>(this, Object.class);
    }

    /** Child side: the endpoint task has ended and its outcome is about to be sent. */
    void taskEnded() {
        taskEnded.countDown();
    }

    /** Child side: waits at most {@code bound} for the endpoint task to end. */
    boolean awaitTaskEnd(Duration bound) {
        try {
            return taskEnded.await(bound.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return taskEnded.getCount() == 0;
        }
    }

    /** Child side: a cancel request from {@code requester} arrived for this task. */
    void cancelFromPeer(ActorId requester) {
        if (canceller == null) {
            canceller = requester;
        }
        var s = scope;
        if (s != null) {
            s.cancel("cancel requested by " + requester);
        }
    }

    boolean startedCalled() {
        lock.lock();
        try {
            return startedSeen;
        } finally {
            lock.unlock();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void await() {
        try {
            changed.await();
        } catch (InterruptedException e) {
            if (error != null && !(isAbsorbed(error) && isParentSideCancelled())) {
                Thread.currentThread().interrupt();
                throw raiseLocked();
            }
            throw CancelScope.interrupted(e);
        }
    }

    private void throwIfFailed() {
        if (error != null) {
            if (isAbsorbed(error) && isParentSideCancelled()) {
                CancelScope.checkpoint();
            }
            throw raiseLocked();
        }
    }

    /**
     * Stream operations after this side's own cancellation was absorbed end the stream quietly
     * (or raise this task's own cancellation) instead of raising the absorbed error.
     */
    private void throwIfFailedOnStream(boolean sending) {
        if (error == null || !isAbsorbed(error)) {
            throwIfFailed();
            return;
        }
        if (isParentSideCancelled()) {
            CancelScope.checkpoint();
        }
        var text = "context " + cid + " was cancelled by this side";
        throw sending ? new ClosedResourceException(text) : new EndOfChannel(text);
    }

    private RuntimeException raiseLocked() {
        if (!errorRaised && !(error instanceof MessageTypeException)) {
            // Arrived on the reader's thread: show where the caller met it instead.
            error.fillInStackTrace();
        }
        errorRaised = true;
        return error;
    }

    /**
     * Whether a failure is the cancellation this side asked for (SPEC C8): a ContextCancelled
     * naming this actor, after this context's own cancel request, which came before any
     * cancellation of the peer's whole runtime by this actor (that one is raised), or while the
     * parent's side is itself being cancelled.
     */
    private boolean isAbsorbed(RuntimeException failure) {
        if (role == Role.CHILD || !(failure instanceof ContextCancelled cc)
                || !conn.runtime().id().equals(cc.canceller())) {
            return false;
        }
        return (cancelCalled && cancelledBeforeActor) || isParentSideCancelled();
    }

    /**
     * Whether the parent's own scope is being cancelled from outside (its task is unwinding):
     * a cancellation of the child that this actor caused is then part of the same teardown,
     * and the parent's cancellation is what propagates.
     */
    private boolean isParentSideCancelled() {
        var s = scope;
        return s != null && !s.isCancelled() && s.isEffectivelyCancelled();
    }

    private boolean isDoneLocked() {
        return returnSeen || error != null;
    }

    private void checkParent(String what) {
        if (role == Role.CHILD) {
            throw new IllegalStateException(what + "() is for the parent side of a context");
        }
    }

    Role role() {
        return role;
    }

    EndpointKind kind() {
        return kind;
    }

    Type resultType() {
        return resultType;
    }

    Connection connection() {
        return conn;
    }

    ActorId cancellerOrNull() {
        return canceller;
    }

    // ---- state -------------------------------------------------------------------------------

    @Override
    public Side side() {
        return role == Role.CHILD ? Side.CHILD : Side.PARENT;
    }

    @Override
    public String contextId() {
        return cid;
    }

    @Override
    public ActorId peer() {
        return conn.peer();
    }

    @Override
    public boolean isCancelCalled() {
        return cancelCalled;
    }

    @Override
    public boolean isCancelAcknowledged() {
        return cancelAcked;
    }

    @Override
    public Optional<ActorId> canceller() {
        if (canceller != null) {
            return Optional.of(canceller);
        }
        lock.lock();
        try {
            return error instanceof ContextCancelled cc ? Optional.ofNullable(cc.canceller())
                    : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isDone() {
        lock.lock();
        try {
            return isDoneLocked();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<RuntimeException> error() {
        lock.lock();
        try {
            return Optional.ofNullable(error);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            var state = returnSeen ? "returned" : error != null ? "failed: "
                    + error.getClass().getSimpleName() : startedSeen ? "started" : "opening";
            return "Context[" + side() + ", cid=" + cid + ", peer=" + conn.peer() + ", " + state
                    + (cancelCalled ? ", cancel called" : "") + "]";
        } finally {
            lock.unlock();
        }
    }
}
