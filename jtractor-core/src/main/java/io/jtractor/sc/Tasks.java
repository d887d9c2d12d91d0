package io.jtractor.sc;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/** Blocking helpers for tasks that observe cancellation like every other runtime call. */
public final class Tasks {

    private Tasks() {
    }

    /**
     * Sleeps for {@code duration}.
     *
     * @throws Cancelled if the calling task is cancelled before or while sleeping
     * @throws IllegalArgumentException if the duration is negative
     */
    public static void sleep(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("cannot sleep for a negative duration: "
                    + duration.toMillis() + " ms");
        }
        CancelScope.checkpoint();
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            throw CancelScope.interrupted(e);
        }
    }

    /**
     * Blocks until the calling task is cancelled, then raises {@link Cancelled}. Never returns
     * normally.
     */
    public static void sleepForever() {
        while (true) {
            CancelScope.checkpoint();
            LockSupport.park(Tasks.class);
        }
    }

    /** Raises {@link Cancelled} if the calling task is cancelled; otherwise returns at once. */
    public static void checkpoint() {
        CancelScope.checkpoint();
    }
}
