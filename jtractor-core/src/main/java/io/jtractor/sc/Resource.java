package io.jtractor.sc;

import java.util.Objects;

/**
 * A value that was entered and must be torn down: what a {@link ResourceCache} factory and a
 * {@link Gather} opener return.
 *
 * @param value the entered resource (a connection, a context, a subscription)
 * @param teardown what ends it; run exactly once, by the toolkit
 * @param <V> the type of the value
 */
public record Resource<V>(V value, Teardown teardown) {

    /** Checks the components. */
    public Resource {
        Objects.requireNonNull(teardown, "teardown must not be null: use () -> { } for none");
    }

    /** A resource whose teardown is closing the value itself. */
    public static <V extends AutoCloseable> Resource<V> of(V closeable) {
        Objects.requireNonNull(closeable, "closeable must not be null");
        return new Resource<>(closeable, closeable::close);
    }

    /** A resource with its own teardown. */
    public static <V> Resource<V> of(V value, Teardown teardown) {
        return new Resource<>(value, teardown);
    }

    /** Ends a resource; it may block and may fail. */
    @FunctionalInterface
    public interface Teardown {
        void run() throws Exception;
    }
}
