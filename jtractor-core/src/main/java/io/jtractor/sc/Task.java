package io.jtractor.sc;

/** A unit of work started in a {@link Nursery}. It may block; it may throw. */
@FunctionalInterface
public interface Task {
    void run() throws Exception;
}
