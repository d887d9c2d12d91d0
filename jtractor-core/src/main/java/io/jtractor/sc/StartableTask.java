package io.jtractor.sc;

/**
 * A task that reports when it is ready, with a value, through its {@link TaskStatus}; see
 * {@link Nursery#start(StartableTask)}.
 */
@FunctionalInterface
public interface StartableTask<T> {
    void run(TaskStatus<T> status) throws Exception;
}
