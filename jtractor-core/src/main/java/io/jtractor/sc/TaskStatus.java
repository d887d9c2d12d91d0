package io.jtractor.sc;

/** The handle through which a {@link StartableTask} reports that it is ready. */
public interface TaskStatus<T> {

    /**
     * Reports readiness with a value: the {@link Nursery#start} call that started the task
     * returns it. The task keeps running in its nursery.
     *
     * @throws IllegalStateException if readiness was already reported
     */
    void started(T value);

    /** Reports readiness with no value. */
    default void started() {
        started(null);
    }
}
