package io.jtractor.sc;

import java.util.Iterator;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The receive end of a channel, or of anything that delivers values in order (a broadcast
 * subscription). Several tasks may receive from one end; each value goes to one of them. Each
 * clone ({@link #cloneReceiver()}) is an end of its own that must be closed on its own.
 *
 * <p>Iterating an end ({@code for (T v : rx)}) receives until {@link EndOfChannel}; the
 * iterator's {@code hasNext()} blocks like {@link #receive()} and raises what it raises, except
 * that the end of the channel makes it return false.
 *
 * @param <T> the type of the values carried
 */
public interface ReceiveChannel<T> extends Iterable<T>, AutoCloseable {

    /**
     * Receives the next value, blocking until one is available.
     *
     * @throws EndOfChannel once every send end is closed and every value sent was received;
     *     every later call raises it again
     * @throws ClosedResourceException if this end was closed, also while waiting
     * @throws Cancelled if the calling task was cancelled, before or while waiting (no value is
     *     taken then)
     */
    T receive();

    /**
     * Receives the next value if one is available without waiting. Never blocks, and is not a
     * cancellation point.
     *
     * @return the value, or an empty optional when none is available now
     * @throws EndOfChannel once every send end is closed and every value was received
     * @throws ClosedResourceException if this end was closed
     */
    Optional<T> tryReceive();

    /**
     * Returns a new receive end of the same channel, open until it is closed itself.
     *
     * @throws ClosedResourceException if this end was closed
     */
    ReceiveChannel<T> cloneReceiver();

    /**
     * Closes this end. Tasks blocked receiving through it get {@link ClosedResourceException};
     * once every receive end of a channel is closed, its buffered values are dropped and senders
     * get {@link BrokenResourceException}. Idempotent; never blocks.
     */
    @Override
    void close();

    /** Whether this end was closed. */
    boolean isClosed();

    /** Iterates received values until {@link EndOfChannel}; see the class comment. */
    @Override
    default Iterator<T> iterator() {
        return new ReceiveIterator<>(this);
    }

    /** A sequential stream of received values that ends at {@link EndOfChannel}. */
    default Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
