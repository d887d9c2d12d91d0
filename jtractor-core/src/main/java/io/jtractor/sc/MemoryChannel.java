package io.jtractor.sc;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;

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
final class MemoryChannel<T> extends ChannelCore<T> {

    static final int UNBOUNDED = Integer.MAX_VALUE;

    final int capacity;
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    /** Guarded by lock: the ring buffer. */
    private Object[] items;
    private int head;
    private int count;

    MemoryChannel(int capacity) {
        this.capacity = capacity;
        this.items = new Object[Math.min(capacity, 16)];
    }

    // ---- sending -------------------------------------------------------------------------

    @Override
    void send(Sender end, T value) {
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

    @Override
    boolean trySend(Sender end, T value) {
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

    @Override
    T receive(Receiver end) {
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

    @Override
    Optional<T> tryReceive(Receiver end) {
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

    // ---- the ends, and this channel's state ----------------------------------------------

    private void lockInterruptibly() {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            throw CancelScope.interrupted(e);
        }
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

    @Override
    void senderClosedLocked() {
        if (openSenders == 0) {
            notEmpty.signalAll();
        }
        notFull.signalAll();
    }

    @Override
    void receiverClosedLocked() {
        if (openReceivers == 0) {
            // Nobody can receive any more: drop the buffer, senders now see a break.
            for (int i = 0; i < count; i++) {
                items[(head + i) % items.length] = null;
            }
            count = 0;
            notFull.signalAll();
        }
        notEmpty.signalAll();
    }
}
