package io.jtractor.sc;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the channel implementations share: the channel's identity, its lock, the counts of open
 * ends on each side and of values taken, and the ends themselves. An end forwards sending and
 * receiving to the implementation, and keeps the counts when it is cloned or closed; the
 * implementation is told of each close (under the lock) to wake whoever must see it.
 */
abstract class ChannelCore<T> {

    private static final AtomicLong IDS = new AtomicLong();

    final long id = IDS.incrementAndGet();
    final ReentrantLock lock = new ReentrantLock();
    /** Written under lock; read without it too, by waiters deciding whether to give up. */
    volatile int openSenders = 1;
    volatile int openReceivers = 1;
    /** Guarded by lock: values taken since the channel was opened. */
    long taken;
    final Sender sender = new Sender();
    final Receiver receiver = new Receiver();

    abstract void send(Sender end, T value);

    abstract boolean trySend(Sender end, T value);

    abstract T receive(Receiver end);

    abstract Optional<T> tryReceive(Receiver end);

    /** A send end was closed (under lock); {@code openSenders} no longer counts it. */
    abstract void senderClosedLocked();

    /** A receive end was closed (under lock); {@code openReceivers} no longer counts it. */
    abstract void receiverClosedLocked();

    final String name() {
        return "channel#" + id;
    }

    final EndOfChannel ended() {
        long count;
        lock.lock();
        try {
            count = taken;
        } finally {
            lock.unlock();
        }
        return new EndOfChannel(name() + " ended: every send end is closed and all "
                + count + " value(s) sent were received");
    }

    final BrokenResourceException broken() {
        return new BrokenResourceException(name() + " is broken: every receive end is closed, so"
                + " no value sent can be received");
    }

    /** A send end. {@code closed} is written under the channel lock, read without it too. */
    final class Sender implements SendChannel<T> {
        volatile boolean closed;

        @Override
        public void send(T value) {
            ChannelCore.this.send(this, value);
        }

        @Override
        public boolean trySend(T value) {
            return ChannelCore.this.trySend(this, value);
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
                openSenders--;
                senderClosedLocked();
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
            return ChannelCore.this.receive(this);
        }

        @Override
        public Optional<T> tryReceive() {
            return ChannelCore.this.tryReceive(this);
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
                openReceivers--;
                receiverClosedLocked();
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
