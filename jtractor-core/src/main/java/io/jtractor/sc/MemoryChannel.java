package io.jtractor.sc;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shared state of a buffered {@link Channel} (capacity 1 or more, or unbounded) and its
 * ends; a rendezvous is {@link RendezvousChannel}.
 *
 * <p><b>Implementation overview.</b> One lock guards everything: a ring buffer of values
 * ({@code items}, {@code head}, {@code count}), the number of open ends on each side, and the
 * counter of values taken. Two conditions: {@code notEmpty} (receivers wait for a value or the
 * end) and {@code notFull} (senders wait for room). Ordinary hand-offs signal one waiter;
 * anything that changes the open/closed state signals all, and every waiter re-checks the state
 * after waking. An unbounded channel grows its ring by doubling.
 *
 * <p>Cancellation: every blocking operation first calls {@link CancelScope#checkpoint()}, takes
 * the lock interruptibly and turns an interrupted wait into {@link Cancelled} through
 * {@link CancelScope#interrupted}. Conditions hand a signal on to another waiter when the
 * signalled one was interrupted first, so a cancelled receiver never swallows a value's signal.
 */
final class MemoryChannel<T> {

    static final int UNBOUNDED = Integer.MAX_VALUE;

    private static final AtomicLong IDS = new AtomicLong();

    final int capacity;
    final Sender sender;
    final Receiver receiver;
    private final long id = IDS.incrementAndGet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    /** Guarded by lock: the ring buffer. */
    private Object[] items;
    private int head;
    private int count;
    /** Guarded by lock: values taken since the channel was opened. */
    private long taken;
    /** Guarded by lock: open ends on each side. */
    private int openSenders = 1;
    private int openReceivers = 1;

    MemoryChannel(int capacity) {
        this.capacity = capacity;
        this.items = new Object[Math.min(capacity, 16)];
        this.sender = new Sender();
        this.receiver = new Receiver();
    }

    // ---- sending -------------------------------------------------------------------------

    private void send(Sender end, T value) {
        Objects.requireNonNull(value, "a channel carries no null values");
        CancelScope.checkpoint();
        lockInterruptibly();
        try {
            while (true) {
                checkSendable(end);
                if (hasRoom()) {
                    break;
                }
                try {
                    notFull.await();
                } catch (InterruptedException e) {
                    throw CancelScope.interrupted(e);
                }
            }
            put(value);
        } finally {
            lock.unlock();
        }
    }

    private boolean trySend(Sender end, T value) {
        Objects.requireNonNull(value, "a channel carries no null values");
        lock.lock();
        try {
            checkSendable(end);
            if (!hasRoom()) {
                return false;
            }
            put(value);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void checkSendable(Sender end) {
        if (end.closed) {
            throw end.closedError();
        }
        if (openReceivers == 0) {
            throw broken();
        }
    }

    private boolean hasRoom() {
        return count < capacity;
    }

    private void put(T value) {
        if (count == items.length) {
            grow();
        }
        items[(head + count) % items.length] = value;
        count++;
        notEmpty.signal();
    }

    private void grow() {
        var bigger = new Object[items.length * 2];
        for (int i = 0; i < count; i++) {
            bigger[i] = items[(head + i) % items.length];
        }
        items = bigger;
        head = 0;
    }

    // ---- receiving -----------------------------------------------------------------------

    private T receive(Receiver end) {
        CancelScope.checkpoint();
        lockInterruptibly();
        try {
            while (true) {
                if (end.closed) {
                    throw end.closedError();
                }
                if (count > 0) {
                    return take();
                }
                if (openSenders == 0) {
                    throw ended();
                }
                try {
                    notEmpty.await();
                } catch (InterruptedException e) {
                    throw CancelScope.interrupted(e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Optional<T> tryReceive(Receiver end) {
        lock.lock();
        try {
            if (end.closed) {
                throw end.closedError();
            }
            if (count > 0) {
                return Optional.of(take());
            }
            if (openSenders == 0) {
                throw ended();
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    private T take() {
        @SuppressWarnings("unchecked")
        T value = (T) items[head];
        items[head] = null;
        head = (head + 1) % items.length;
        count--;
        taken++;
        notFull.signal();
        return value;
    }

    // ---- ends ----------------------------------------------------------------------------

    private void lockInterruptibly() {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            throw CancelScope.interrupted(e);
        }
    }

    private EndOfChannel ended() {
        return new EndOfChannel(name() + " ended: every send end is closed and all "
                + taken + " value(s) sent were received");
    }

    private BrokenResourceException broken() {
        return new BrokenResourceException(name() + " is broken: every receive end is closed, so"
                + " no value sent can be received");
    }

    private String name() {
        return "channel#" + id;
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "Channel[id=" + id + ", capacity="
                    + (capacity == UNBOUNDED ? "unbounded" : capacity) + ", buffered=" + count
                    + ", senders=" + openSenders + ", receivers=" + openReceivers + "]";
        } finally {
            lock.unlock();
        }
    }

    /** A send end. {@code closed} is written under the channel lock, read without it too. */
    final class Sender implements SendChannel<T> {
        volatile boolean closed;

        @Override
        public void send(T value) {
            MemoryChannel.this.send(this, value);
        }

        @Override
        public boolean trySend(T value) {
            return MemoryChannel.this.trySend(this, value);
        }

        @Override
        public SendChannel<T> cloneSender() {
            lock.lock();
            try {
                if (closed) {
                    throw closedError();
                }
                openSenders++;
                return new Sender();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                if (--openSenders == 0) {
                    notEmpty.signalAll();
                }
                notFull.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        ClosedResourceException closedError() {
            return new ClosedResourceException("this send end of " + name() + " was closed");
        }

        @Override
        public String toString() {
            return "SendChannel[" + name() + (closed ? ", closed" : "") + "]";
        }
    }

    /** A receive end. {@code closed} is written under the channel lock, read without it too. */
    final class Receiver implements ReceiveChannel<T> {
        volatile boolean closed;

        @Override
        public T receive() {
            return MemoryChannel.this.receive(this);
        }

        @Override
        public Optional<T> tryReceive() {
            return MemoryChannel.this.tryReceive(this);
        }

        @Override
        public ReceiveChannel<T> cloneReceiver() {
            lock.lock();
            try {
                if (closed) {
                    throw closedError();
                }
                openReceivers++;
                return new Receiver();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                if (--openReceivers == 0) {
                    // Nobody can receive any more: drop the buffer, senders now see a break.
                    for (int i = 0; i < count; i++) {
                        items[(head + i) % items.length] = null;
                    }
                    count = 0;
                    notFull.signalAll();
                }
                notEmpty.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        ClosedResourceException closedError() {
            return new ClosedResourceException("this receive end of " + name() + " was closed");
        }

        @Override
        public String toString() {
            return "ReceiveChannel[" + name() + (closed ? ", closed" : "") + "]";
        }
    }
}
