package io.jtractor.sc;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Turns one receive channel into many: every subscriber gets every value that arrives from its
 * subscription on (SPEC S7).
 *
 * <pre>{@code
 * try (var broadcast = BroadcastReceiver.of(channel.receiver(), 64)) {
 *     try (var nursery = Nursery.open()) {
 *         for (int i = 0; i < 3; i++) {
 *             var subscriber = broadcast.subscribe();   // subscribe before values you need arrive
 *             nursery.startSoon(() -> { for (var v : subscriber) use(v); });
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>The broadcast keeps the last {@code windowSize} values. Nothing waits for slow subscribers:
 * the source is read at the pace of the fastest one, by whichever subscriber first needs a value
 * that has not arrived. A subscriber that falls more than the window behind gets {@link Lagged}
 * (carrying how many values it missed) from its next receive, once, and then continues with the
 * oldest retained value; a subscriber opened with {@link LagPolicy#SKIP} continues there
 * silently. Subscribers are independent: closing one does not affect the others, and a
 * subscriber cancelled while it is reading the source hands that job to another waiting one.
 *
 * <p>When the source ends ({@link EndOfChannel}) or is closed, every subscriber receives the
 * values it has not yet seen and then gets {@link EndOfChannel}. When the source fails with any
 * other error, the subscriber that was reading it gets that error and every other subscriber,
 * after its remaining values, gets {@link BrokenResourceException} with it as the cause.
 *
 * <p>Subscriptions are {@link ReceiveChannel}s and may be used by several tasks, like any
 * receive end; {@code cloneReceiver()} of a subscription is a new subscription at the same
 * position.
 *
 * <p><b>Implementation overview.</b> One lock guards a ring of the last {@code windowSize}
 * values, indexed by sequence number ({@code next} is the sequence number the next value from
 * the source will get), the {@code puller} flag and the end state. A subscription is a cursor: the
 * sequence number of the next value it wants. A receive whose cursor is behind {@code next}
 * reads the ring (after the lag check: a cursor below {@code next - windowSize} lagged). One at
 * {@code next} needs the source: if nobody is reading it, it becomes the puller, releases the
 * lock, receives from the source, and re-takes the lock to append the value (or record the end)
 * and wake every waiter; otherwise it waits on {@code changed}. Only the puller touches the source
 * outside the lock, and {@code tryReceive} touches it (without blocking) only under the lock
 * while nobody pulls, so values enter the ring in source order. A puller that is cancelled (or
 * fails) clears the flag and wakes the waiters, one of which takes over.
 */
public final class BroadcastReceiver<T> implements AutoCloseable {

    /** What a subscriber that fell more than the window behind is told. */
    public enum LagPolicy {
        /** Its next receive raises {@link Lagged} once, then it continues. */
        RAISE,
        /** It continues with the oldest retained value without being told. */
        SKIP
    }

    /** The source the broadcast reads: any receive operation that ends with EndOfChannel. */
    @FunctionalInterface
    public interface Source<T> {
        /**
         * Receives the next value, blocking; raises {@link EndOfChannel} at the end.
         *
         * @throws Exception any failure of the source, passed on to the subscribers
         */
        T receive() throws Exception;
    }

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Source<T> source;
    /** The channel behind {@code source} when there is one: used for non-blocking reads. */
    private final ReceiveChannel<T> sourceChannel;
    private final AutoCloseable closer;
    private final int windowSize;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by lock: the last windowSize values; value number s sits at s % windowSize. */
    private final Object[] ring;
    /** Guarded by lock: the sequence number of the next value from the source. */
    private long next;
    /** Guarded by lock: whether a subscriber is receiving from the source right now. */
    private boolean pulling;
    /** Guarded by lock: the source ended or was closed; set once. */
    private boolean ended;
    /** Guarded by lock: the source's failure, if it failed; set once. */
    private Throwable failure;
    /** Guarded by lock: close() was called. */
    private boolean closed;

    private BroadcastReceiver(Source<T> source, ReceiveChannel<T> sourceChannel,
            AutoCloseable closer, int windowSize) {
        if (windowSize < 1) {
            throw new IllegalArgumentException(
                    "a broadcast keeps at least 1 value, got windowSize=" + windowSize);
        }
        this.source = source;
        this.sourceChannel = sourceChannel;
        this.closer = closer;
        this.windowSize = windowSize;
        this.ring = new Object[windowSize];
    }

    /**
     * Broadcasts {@code source}, retaining the last {@code windowSize} values for subscribers
     * that fall behind. The broadcast takes over the source: closing the broadcast closes it.
     *
     * @throws IllegalArgumentException if {@code windowSize} is less than 1
     */
    public static <T> BroadcastReceiver<T> of(ReceiveChannel<T> source, int windowSize) {
        Objects.requireNonNull(source, "source must not be null");
        return new BroadcastReceiver<>(source::receive, source, source, windowSize);
    }

    /**
     * Broadcasts any source of values that has a blocking receive (a message stream:
     * {@code BroadcastReceiver.of(stream::receive, stream, 64)}); {@code closer} is closed when
     * the broadcast is.
     *
     * @throws IllegalArgumentException if {@code windowSize} is less than 1
     */
    public static <T> BroadcastReceiver<T> of(Source<T> source, AutoCloseable closer,
            int windowSize) {
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(closer, "closer must not be null");
        return new BroadcastReceiver<>(source, null, closer, windowSize);
    }

    /**
     * Subscribes: the returned receive end gets every value that arrives from now on, and
     * raises {@link Lagged} when it falls more than the window behind.
     *
     * @throws ClosedResourceException if the broadcast was closed
     */
    public ReceiveChannel<T> subscribe() {
        return subscribe(LagPolicy.RAISE);
    }

    /**
     * Subscribes with a choice of what lagging behind does (see {@link LagPolicy}).
     *
     * @throws ClosedResourceException if the broadcast was closed
     */
    public ReceiveChannel<T> subscribe(LagPolicy policy) {
        Objects.requireNonNull(policy, "policy must not be null");
        lock.lock();
        try {
            if (closed) {
                throw new ClosedResourceException("broadcast#" + id + " was closed: no new"
                        + " subscriber");
            }
            return new Subscriber(next, policy);
        } finally {
            lock.unlock();
        }
    }

    /** How many values the broadcast retains for subscribers that fall behind. */
    public int windowSize() {
        return windowSize;
    }

    /**
     * Closes the source and ends the broadcast: every subscriber receives the values it has not
     * seen yet and then gets {@link EndOfChannel}. A subscriber blocked reading the source wakes
     * if closing the source wakes it (it does for channels). Idempotent.
     *
     * @throws RuntimeException whatever closing the source raised (checked exceptions wrapped
     *     in {@link java.util.concurrent.CompletionException})
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            closer.close();
        } catch (Exception e) {
            throw ExceptionGroup.unchecked(e);
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "BroadcastReceiver[id=" + id + ", window=" + windowSize + ", received=" + next
                    + (pulling ? ", pulling" : "") + (ended ? ", ended" : "")
                    + (failure != null ? ", failed: " + failure : "") + "]";
        } finally {
            lock.unlock();
        }
    }

    // ---- the subscriber's side -----------------------------------------------------------

    /** Called under lock: the next retained value for {@code s}, or null if it is at next. */
    private T fromRing(Subscriber s) {
        long oldest = Math.max(0, next - windowSize);
        if (s.cursor < oldest) {
            long missed = oldest - s.cursor;
            s.cursor = oldest;
            if (s.policy == LagPolicy.RAISE) {
                throw new Lagged(missed, windowSize);
            }
        }
        if (s.cursor < next) {
            @SuppressWarnings("unchecked")
            T value = (T) ring[(int) (s.cursor % windowSize)];
            s.cursor++;
            return value;
        }
        return null;
    }

    /** Called under lock, with the subscriber at next and nothing more to come. */
    private RuntimeException endFor(Subscriber s) {
        if (failure != null) {
            return new BrokenResourceException("the source of broadcast#" + id + " failed",
                    failure);
        }
        return new EndOfChannel("broadcast#" + id + " ended: its source "
                + (closed ? "was closed" : "ended") + " after " + next + " value(s)");
    }

    private T receive(Subscriber s) {
        CancelScope.checkpoint();
        lock.lock();
        try {
            while (true) {
                s.checkOpen();
                T value = fromRing(s);
                if (value != null) {
                    return value;
                }
                if (ended || failure != null) {
                    throw endFor(s);
                }
                if (!pulling) {
                    pull();
                    continue;
                }
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    throw CancelScope.interrupted(e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called under lock: receives one value from the source with the lock released, appends it
     * to the ring (or records the end) and wakes every waiter. Raises the source's failure and
     * the puller's own cancellation; either way another subscriber can take over.
     */
    private void pull() {
        pulling = true;
        lock.unlock();
        T value = null;
        Throwable error = null;
        try {
            value = source.receive();
            Objects.requireNonNull(value, "the broadcast source delivered null");
        } catch (Throwable t) {
            error = t;
        } finally {
            lock.lock();
        }
        pulling = false;
        changed.signalAll();
        if (error == null) {
            append(value);
        } else if (error instanceof EndOfChannel || error instanceof ClosedResourceException) {
            // The source ended, or it was closed (by close() or by its owner): end for everyone.
            ended = true;
        } else if (CancelScope.isCancellationSignal(error)) {
            if (error instanceof InterruptedException ie) {
                throw CancelScope.interrupted(ie);
            }
            throw ExceptionGroup.unchecked(error);
        } else {
            failure = error;
            throw ExceptionGroup.unchecked(error);
        }
    }

    private void append(T value) {
        ring[(int) (next % windowSize)] = value;
        next++;
    }

    private Optional<T> tryReceive(Subscriber s) {
        lock.lock();
        try {
            s.checkOpen();
            T value = fromRing(s);
            if (value != null) {
                return Optional.of(value);
            }
            if (ended || failure != null) {
                throw endFor(s);
            }
            if (pulling || sourceChannel == null) {
                return Optional.empty();
            }
            Optional<T> fresh;
            try {
                fresh = sourceChannel.tryReceive();
            } catch (EndOfChannel | ClosedResourceException e) {
                ended = true;
                changed.signalAll();
                throw endFor(s);
            }
            if (fresh.isEmpty()) {
                return fresh;
            }
            append(fresh.get());
            s.cursor++;
            changed.signalAll();
            return fresh;
        } finally {
            lock.unlock();
        }
    }

    /** One subscription: a cursor into the broadcast. Its fields are guarded by the lock. */
    private final class Subscriber implements ReceiveChannel<T> {
        private final LagPolicy policy;
        private long cursor;
        private boolean closed;

        Subscriber(long cursor, LagPolicy policy) {
            this.cursor = cursor;
            this.policy = policy;
        }

        void checkOpen() {
            if (closed) {
                throw new ClosedResourceException("this subscription to broadcast#" + id
                        + " was closed");
            }
        }

        @Override
        public T receive() {
            return BroadcastReceiver.this.receive(this);
        }

        @Override
        public Optional<T> tryReceive() {
            return BroadcastReceiver.this.tryReceive(this);
        }

        @Override
        public ReceiveChannel<T> cloneReceiver() {
            lock.lock();
            try {
                checkOpen();
                return new Subscriber(cursor, policy);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean isClosed() {
            lock.lock();
            try {
                return closed;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public String toString() {
            lock.lock();
            try {
                return "Subscription[broadcast#" + id + ", next=" + cursor + ", behind="
                        + (next - cursor) + (closed ? ", closed" : "") + "]";
            } finally {
                lock.unlock();
            }
        }
    }
}
