package io.jtractor.internal.ipc;

import java.time.Duration;

/** Test helpers for threads. */
final class Threads {

    private Threads() {
    }

    /** Waits, without sleeping, until {@code thread} is parked (blocked in I/O or a lock). */
    static void awaitParked(Thread thread, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (thread.getState() != Thread.State.WAITING
                && thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(thread + " did not park within " + timeout
                        + "; state " + thread.getState());
            }
            Thread.yield();
        }
    }
}
