package io.jtractor.sc;

import java.util.List;

/**
 * Several failures of one scope raised together: every task error of a nursery (and the body's
 * own error), or every child failure of an actor nursery. Each failure is kept in order of
 * arrival in {@link #exceptions()} and also attached as a suppressed exception, so that printing
 * the group prints all of them.
 */
public final class ExceptionGroup extends RuntimeException {

    private final List<Throwable> exceptions;

    /**
     * Creates a group.
     *
     * @throws IllegalArgumentException if {@code exceptions} is empty
     */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " failures)");
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("an exception group needs at least one exception");
        }
        this.exceptions = List.copyOf(exceptions);
        this.exceptions.forEach(this::addSuppressed);
    }

    /** The failures, in order of arrival. */
    public List<Throwable> exceptions() {
        return exceptions;
    }

    /**
     * Raises the failures of a scope: nothing for none, one as itself (a checked exception
     * wrapped in a {@link java.util.concurrent.CompletionException}), several as a group.
     */
    public static void raise(String message, List<? extends Throwable> failures) {
        if (failures.isEmpty()) {
            return;
        }
        if (failures.size() > 1) {
            throw new ExceptionGroup(message, failures);
        }
        throw unchecked(failures.get(0));
    }

    static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof RuntimeException re) {
            return re;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new java.util.concurrent.CompletionException(failure);
    }
}
