package io.jtractor.sc;

/**
 * The send end of a channel. Any number of tasks may send through one end; each clone
 * ({@link #cloneSender()}) is an end of its own that must be closed on its own, and the channel
 * ends for its receivers once every send end is closed.
 *
 * @param <T> the type of the values carried
 */
public interface SendChannel<T> extends AutoCloseable {

    /**
     * Sends a value, blocking while the channel is full. On a rendezvous channel (capacity 0)
     * it returns once a receiver has taken the value, or has been handed it: when a receiver is
     * already waiting, the value goes to it without the sender waiting any further.
     *
     * <p>If the calling task is cancelled while waiting, the value is not sent: it was not put in
     * the buffer, or (rendezvous) it is taken back unless a receiver took it first, in which case
     * this returns normally and the cancellation is seen at the next blocking call.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws ClosedResourceException if this end was closed, also while waiting
     * @throws BrokenResourceException if every receive end was closed, also while waiting
     * @throws Cancelled if the calling task was cancelled, before or while waiting
     */
    void send(T value);

    /**
     * Sends a value if that is possible without waiting: there is room in the buffer, or
     * (rendezvous) a receiver is waiting. Never blocks, and is not a cancellation point.
     *
     * @return whether the value was sent
     * @throws NullPointerException if {@code value} is null
     * @throws ClosedResourceException if this end was closed
     * @throws BrokenResourceException if every receive end was closed
     */
    boolean trySend(T value);

    /**
     * Returns a new send end of the same channel, open until it is closed itself.
     *
     * @throws ClosedResourceException if this end was closed
     */
    SendChannel<T> cloneSender();

    /**
     * Closes this end; once every send end is closed, receivers drain the buffer and then get
     * {@link EndOfChannel}. Tasks blocked sending through this end get
     * {@link ClosedResourceException}. Idempotent; never blocks.
     */
    @Override
    void close();

    /** Whether this end was closed. */
    boolean isClosed();
}
