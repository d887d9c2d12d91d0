package io.jtractor.sc;

import java.time.Duration;

/** Raised by {@link CancelScope#failAfter} when its body did not finish before the deadline. */
public final class DeadlineExceeded extends RuntimeException {

    private final Duration timeout;

    DeadlineExceeded(Duration timeout, Cancelled cause) {
        super("deadline exceeded: the body did not finish within " + timeout.toMillis() + " ms",
                cause);
        this.timeout = timeout;
    }

    /** The time the body was given. */
    public Duration timeout() {
        return timeout;
    }
}
