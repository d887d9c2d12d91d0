package io.jtractor.examples.seeds;

import io.jtractor.sc.CancelScope;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits on actor-local state, for the plain endpoints through which a parent learns
 * that a child has reached a state (a subscription registered, a lock requested).
 */
final class Conditions {

    /** How long such a wait lasts at most: far more than any healthy child needs. */
    static final Duration BOUND = Duration.ofSeconds(10);

    private Conditions() {
    }

    /**
     * Waits until {@code state} holds, re-checking it each time {@code changed} is signalled;
     * returns false if it did not hold within {@link #BOUND}. The caller must not hold the lock.
     *
     * @throws io.jtractor.sc.Cancelled if the calling task is cancelled while waiting
     */
    static boolean await(ReentrantLock lock, Condition changed, BooleanSupplier state) {
        long leftNanos = BOUND.toNanos();
        lock.lock();
        try {
            while (!state.getAsBoolean()) {
                if (leftNanos <= 0) {
                    return false;
                }
                leftNanos = changed.awaitNanos(leftNanos);
            }
            return true;
        } catch (InterruptedException e) {
            throw CancelScope.interrupted(e);
        } finally {
            lock.unlock();
        }
    }
}
