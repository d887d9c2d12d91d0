package io.jtractor;

import io.jtractor.internal.runtime.ContextImpl;
import java.util.Optional;

/**
 * A linked pair of tasks in two actors: the <em>parent</em> side, which opened it with
 * {@link Portal#openContext}, and the <em>child</em> side, the endpoint it runs. The pair is one
 * scope stretched across two processes: what ends one side ends the other.
 *
 * <p>The child receives the context as its endpoint's first parameter, calls {@link #started}
 * exactly once, may open the context's one {@link MsgStream}, and returns (its return value is
 * the parent's {@link #result()}). The parent holds the context in try-with-resources:
 * <pre>{@code
 * try (var ctx = portal.openContext(PingPong::serve, 10)) {
 *     int first = ctx.first(Integer.class);
 *     try (var stream = ctx.openStream(String.class)) { ... }
 *     String summary = ctx.result(String.class);
 * }
 * }</pre>
 *
 * <p>Errors cross both ways: a child that raises fails the parent's context, and any parent task
 * blocked inside the context scope is cancelled at once; the context's own blocking calls raise
 * the child's error as a {@link RemoteActorException}. Leaving the scope without
 * {@link #result()} cancels the child and waits for its acknowledgement.
 *
 * <p>The blocking methods ({@link #first}, {@link #result}, and the stream's) observe
 * cancellation of the calling task and raise {@link io.jtractor.sc.Cancelled}. The parent side is
 * closed by the thread that opened it.
 */
public sealed interface Context extends AutoCloseable permits ContextImpl {

    /** Which side of the pair this handle is. */
    enum Side { PARENT, CHILD }

    // ---- child side ----------------------------------------------------------------------

    /**
     * Child side: reports readiness with a value; the parent's {@code openContext} returns and
     * {@link #first} gives the value. Call it exactly once, before opening the stream.
     *
     * @throws IllegalStateException on a second call, or on the parent side
     */
    void started(Object value);

    /** Child side: {@link #started(Object)} with no value. */
    default void started() {
        started(null);
    }

    // ---- both sides ----------------------------------------------------------------------

    /**
     * Opens the context's stream with the context's options; messages decode to the type the
     * endpoint declared ({@link PayloadTypes}) or to generic values. See
     * {@link #openStream(Class)}.
     */
    MsgStream<Object> openStream();

    /**
     * Opens the context's one bidirectional stream; received messages are decoded to
     * {@code type}. The receive buffer and flow control are the context's options
     * ({@link Portal#withStreamOptions}), by default credits for 64 messages.
     *
     * @throws IllegalStateException if a stream was already opened (streams are one-shot), if the
     *     child has not called {@link #started} yet, or after {@link #cancel()}
     * @throws ContextCancelled on the child side after the child cancelled itself
     */
    <T> MsgStream<T> openStream(Class<T> type);

    /**
     * Opens the stream with a receive buffer of {@code msgBufferSize} messages: the peer may
     * send at most that many messages ahead of this side's consumption.
     *
     * @throws IllegalArgumentException if {@code msgBufferSize} is below 1
     */
    <T> MsgStream<T> openStream(Class<T> type, int msgBufferSize);

    /**
     * Opens the stream with explicit flow-control options (SPEC S6): the buffer size, and
     * whether the peer is held back by credits (the default) or this side drops what overflows
     * and fails the sender with a {@link StreamOverrun}. Received messages decode to
     * {@code type}; null means the type the endpoint declared (see {@link PayloadTypes}), or
     * generic values.
     */
    <T> MsgStream<T> openStream(Class<T> type, StreamOptions options);

    /**
     * Asks for the child task to be cancelled. On the parent side, this sends a cancel request
     * and waits a bounded time for the peer's acknowledgement; the calling task is not
     * cancelled, and the child's resulting {@link ContextCancelled} is absorbed. On the child
     * side the child cancels itself: its next blocking call raises, and the parent receives a
     * {@link ContextCancelled} naming the child as canceller.
     */
    void cancel();

    // ---- parent side ---------------------------------------------------------------------

    /** Parent side: the value the child passed to {@link #started}, undecoded (generic). */
    Object first();

    /** Parent side: the value the child passed to {@link #started}, decoded to {@code type}. */
    <T> T first(Class<T> type);

    /**
     * Parent side: waits for the child's return value, discarding stream messages still in
     * flight, and returns it (decoded to the endpoint's declared return type when known). If
     * this side cancelled the child, returns the absorbed {@link ContextCancelled}.
     *
     * <p>Blocks until the child's {@code Return} or {@code Error} arrives; bounded only by
     * cancellation of the caller.
     *
     * @throws RemoteActorException the child's error
     * @throws TransportClosed if the connection to the peer was lost
     */
    Object result();

    /** Parent side: {@link #result()} decoded to {@code type}; null if this side cancelled. */
    <T> T result(Class<T> type);

    /**
     * Parent side: leaves the context scope. Closes the stream if open (sending {@code Stop}),
     * cancels the child if it has not ended and waits for it, then raises the child's error if it
     * failed and the error was not raised already. Idempotent.
     */
    @Override
    void close();

    // ---- state (SPEC C13) ----------------------------------------------------------------

    Side side();

    String contextId();

    /** The actor on the other side. */
    ActorId peer();

    /** Whether {@link #cancel()} was called on this side. */
    boolean isCancelCalled();

    /** Whether the peer acknowledged this side's cancel request. */
    boolean isCancelAcknowledged();

    /** Who cancelled the child, once known. */
    Optional<ActorId> canceller();

    /** Whether the child has ended (returned, failed, or the connection was lost). */
    boolean isDone();

    /** The child's failure, once it has failed; empty while running or after a return. */
    Optional<RuntimeException> error();
}
