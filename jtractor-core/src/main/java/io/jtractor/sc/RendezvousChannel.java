package io.jtractor.sc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The shared state of a rendezvous {@link Channel} (capacity 0) and its ends.
 *
 * <p><b>Implementation overview.</b> There is no buffer: a channel holds a FIFO queue of
 * waiting parties ({@code head} to {@code tail}), all of one kind at a time (senders, each with
 * its value, or receivers). An arriving party that finds the other kind waiting matches the
 * first waiter and returns at once: a sender hands its value into the receiver's node, a
 * receiver takes the value out of the sender's node, and either unparks the waiter. Otherwise it
 * appends a node of its own and parks (with {@link LockSupport}) until it is matched. A hand-off
 * therefore parks only the party that arrived first, and only once.
 *
 * <p>{@code lock} guards the queue (doubly linked, so a waiter that gives up leaves it at once),
 * the counts of open ends and of values taken; it is held for a few field writes and never while
 * parking. A node's {@code state} moves once, from WAITING to MATCHED, under the lock, by its
 * matcher; the waiter reads it without the lock. A waiter that wakes for another reason (an
 * interrupt, its end closed, the other side gone) takes the lock and leaves the queue only if
 * its node is still WAITING; if it was matched in the meantime, the hand-off stands and the
 * operation succeeds (an interrupt stays set, to be seen at the next blocking call). So a value
 * is either delivered or taken back by its sender, never both, and a receiver that is cancelled
 * never loses a value handed to it.
 *
 * <p>Closing an end changes the counts under the lock and then unparks every waiter; waiters
 * re-check after every wake-up, so a close racing with a party that is about to park is never
 * missed (the unpark leaves a permit). Spurious wake-ups are re-checked the same way.
 */
final class RendezvousChannel<T> extends ChannelCore<T> {

    private static final int WAITING = 0;
    private static final int MATCHED = 1;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Node.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Guarded by lock: the first and last waiting node, all senders or all receivers. */
    private Node head;
    private Node tail;

    // ---- sending -------------------------------------------------------------------------

    @Override
    void send(Sender end, T value) {
        Objects.requireNonNull(value, "a channel carries no null values");
        CancelScope.checkpoint();
        Node node;
        Node matched;
        lock.lock();
        try {
            checkSendable(end);
            matched = takeWaiter(false);
            if (matched != null) {
                matched.item = value;
                STATE.setRelease(matched, MATCHED);
                node = null;
            } else {
                node = enqueue(new Node(end, value, true));
            }
        } finally {
            lock.unlock();
        }
        if (matched != null) {
            LockSupport.unpark(matched.thread);
            return;
        }
        awaitTaken(end, node);
    }

    /** Parks until a receiver took the node's value, or takes it back and raises why. */
    private void awaitTaken(Sender end, Node node) {
        while (!node.isMatched()) {
            if (openReceivers == 0 || end.closed || Thread.currentThread().isInterrupted()) {
                if (withdraw(node)) {
                    throw sendAbandoned(end);
                }
                return;
            }
            LockSupport.park(this);
        }
    }

    private RuntimeException sendAbandoned(Sender end) {
        if (openReceivers == 0) {
            return broken();
        }
        if (end.closed) {
            return end.closedError();
        }
        CancelScope.checkpoint();
        return new Cancelled(null, null, "the thread was interrupted", null);
    }

    @Override
    boolean trySend(Sender end, T value) {
        Objects.requireNonNull(value, "a channel carries no null values");
        Node matched;
        lock.lock();
        try {
            checkSendable(end);
            matched = takeWaiter(false);
            if (matched == null) {
                return false;
            }
            matched.item = value;
            STATE.setRelease(matched, MATCHED);
        } finally {
            lock.unlock();
        }
        LockSupport.unpark(matched.thread);
        return true;
    }

    private void checkSendable(Sender end) {
        if (end.closed) {
            throw end.closedError();
        }
        if (openReceivers == 0) {
            throw broken();
        }
    }

    // ---- receiving -----------------------------------------------------------------------

    @Override
    T receive(Receiver end) {
        CancelScope.checkpoint();
        Node node;
        Node matched;
        lock.lock();
        try {
            checkReceivable(end);
            matched = takeWaiter(true);
            if (matched != null) {
                STATE.setRelease(matched, MATCHED);
                node = null;
            } else if (openSenders == 0) {
                throw ended();
            } else {
                node = enqueue(new Node(end, null, false));
            }
        } finally {
            lock.unlock();
        }
        if (matched != null) {
            LockSupport.unpark(matched.thread);
            return matched.value();
        }
        return awaitHanded(end, node);
    }

    /** Parks until a sender handed the node a value, or leaves the queue and raises why. */
    private T awaitHanded(Receiver end, Node node) {
        while (!node.isMatched()) {
            if (end.closed || openSenders == 0 || Thread.currentThread().isInterrupted()) {
                if (withdraw(node)) {
                    throw receiveAbandoned(end);
                }
                break;
            }
            LockSupport.park(this);
        }
        return node.value();
    }

    private RuntimeException receiveAbandoned(Receiver end) {
        if (end.closed) {
            return end.closedError();
        }
        if (openSenders == 0) {
            return ended();
        }
        CancelScope.checkpoint();
        return new Cancelled(null, null, "the thread was interrupted", null);
    }

    @Override
    Optional<T> tryReceive(Receiver end) {
        Node matched;
        lock.lock();
        try {
            checkReceivable(end);
            matched = takeWaiter(true);
            if (matched == null) {
                if (openSenders == 0) {
                    throw ended();
                }
                return Optional.empty();
            }
            STATE.setRelease(matched, MATCHED);
        } finally {
            lock.unlock();
        }
        LockSupport.unpark(matched.thread);
        return Optional.of(matched.value());
    }

    private void checkReceivable(Receiver end) {
        if (end.closed) {
            throw end.closedError();
        }
    }

    // ---- the queue of waiters (all guarded by lock) --------------------------------------

    /** Unlinks and returns the first waiter if it is a sender ({@code wantSender}) or not. */
    private Node takeWaiter(boolean wantSender) {
        var first = head;
        if (first == null || first.isSender != wantSender) {
            return null;
        }
        unlink(first);
        taken++;
        return first;
    }

    private Node enqueue(Node node) {
        node.previous = tail;
        if (tail == null) {
            head = node;
        } else {
            tail.next = node;
        }
        tail = node;
        return node;
    }

    private void unlink(Node node) {
        if (node.previous == null) {
            head = node.next;
        } else {
            node.previous.next = node.next;
        }
        if (node.next == null) {
            tail = node.previous;
        } else {
            node.next.previous = node.previous;
        }
        node.next = null;
        node.previous = null;
    }

    /** Takes a still waiting node out of the queue; false if it was matched first. */
    private boolean withdraw(Node node) {
        lock.lock();
        try {
            if (node.isMatched()) {
                return false;
            }
            unlink(node);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Unparks every waiter (guarded by lock); each re-checks why it waits. */
    private void wakeAll() {
        for (var n = head; n != null; n = n.next) {
            LockSupport.unpark(n.thread);
        }
    }

    // ---- the ends, and this channel's state ----------------------------------------------

    @Override
    public String toString() {
        lock.lock();
        try {
            int waiting = 0;
            for (var n = head; n != null; n = n.next) {
                waiting++;
            }
            var side = head == null ? "" : head.isSender ? " sender(s)" : " receiver(s)";
            return "Channel[id=" + id + ", capacity=0, waiting=" + waiting + side
                    + ", senders=" + openSenders + ", receivers=" + openReceivers + "]";
        } finally {
            lock.unlock();
        }
    }

    /**
     * A waiting party. {@code previous} and {@code next} are guarded by the channel lock;
     * {@code item} is written before {@code state} becomes MATCHED (by the matcher, for a
     * receiver) or before the node is queued (by the sender, for its own), and read after.
     */
    private static final class Node {
        final Thread thread = Thread.currentThread();
        final Object end;
        final boolean isSender;
        Object item;
        volatile int state;
        Node previous;
        Node next;

        Node(Object end, Object item, boolean isSender) {
            this.end = end;
            this.item = item;
            this.isSender = isSender;
        }

        boolean isMatched() {
            return (int) STATE.getAcquire(this) == MATCHED;
        }

        @SuppressWarnings("unchecked")
        <V> V value() {
            return (V) item;
        }
    }

    @Override
    void senderClosedLocked() {
        wakeAll();
    }

    @Override
    void receiverClosedLocked() {
        wakeAll();
    }
}
