package io.jtractor.sc;

/**
 * Raised at a blocking call when the task's cancel scope (or an enclosing, unshielded one) has
 * been cancelled.
 *
 * <p>Cancellation is an outcome, not a failure: user code is not expected to catch it. Let it
 * propagate; the scope that was cancelled absorbs it when the scope is left through one of its
 * body-taking forms ({@link CancelScope#run}, {@link CancelScope#moveOnAfter}), and a nursery
 * does not count a cancelled task as failed. Cleanup code in {@code finally} blocks runs as
 * usual, but every blocking call it makes inside the cancelled scope raises this again
 * (cancellation is level-triggered) unless it runs in a shielded scope.
 *
 * <p>The exception records who cancelled ({@link #canceller()}, when the canceller named
 * itself), why ({@link #reason()}), the scope that was cancelled ({@link #scope()}) and, when the
 * cancellation was caused by a failure (a sibling task that failed, a remote error), that failure
 * as the {@linkplain #getCause() cause}.
 */
public final class Cancelled extends RuntimeException {

    private final transient CancelScope scope;
    private final transient Object canceller;
    private final String reason;

    Cancelled(CancelScope scope, Object canceller, String reason, Throwable cause) {
        super(describe(canceller, reason, cause), cause);
        this.scope = scope;
        this.canceller = canceller;
        this.reason = reason;
    }

    private static String describe(Object canceller, String reason, Throwable cause) {
        var text = "cancelled: " + (reason == null ? "no reason given" : reason);
        if (canceller != null) {
            text += " (by " + canceller + ")";
        }
        return cause == null ? text : text + " (caused by " + cause + ")";
    }

    /** Why the scope was cancelled, as given to {@link CancelScope#cancel(String)}. */
    public String reason() {
        return reason;
    }

    /**
     * Who cancelled, as given to {@link CancelScope#cancel(Object, String, Throwable)}, or null
     * when the canceller did not name itself.
     */
    public Object canceller() {
        return canceller;
    }

    /** The scope whose cancellation this is, or {@code null} for a bare thread interrupt. */
    public CancelScope scope() {
        return scope;
    }
}
