package io.jtractor.sc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A scope that owns tasks: every task started in it has ended by the time the nursery is left.
 *
 * <p>Tasks run on virtual threads, each in its own cancel scope nested in the nursery's scope.
 * When a task fails, the nursery's scope is cancelled: every other task, and the nursery's own
 * body, sees {@link Cancelled} at its next blocking call (the {@code Cancelled} carries the
 * failure as its cause). The nursery then raises the failure: one as itself, several as an
 * {@link ExceptionGroup}. A task that ends with the cancellation of its nursery is not a failure.
 *
 * <pre>{@code
 * try (var nursery = Nursery.open()) {
 *     nursery.startSoon(() -> produce(tx));
 *     int port = nursery.start(status -> serve(status));   // returns once serve() reported
 *     nursery.join();                                      // waits for the natural end
 * }                                                        // close(): cancels what is left
 * }</pre>
 *
 * <p>With try-with-resources an error of the body wins: failures of tasks that close() then
 * collects are attached to it as suppressed exceptions. {@link #run(NurseryBody)} is the
 * body-taking form: there, the body's own error and the tasks' failures are raised together,
 * and a body cancelled because a task failed raises that task's failure.
 *
 * <p>{@link #join()} and {@link #close()} belong to the thread that opened the nursery; any
 * thread, including tasks of other nurseries, may start tasks into it while it is open.
 *
 * <p><b>Implementation overview.</b> {@code running} counts started tasks that have not ended,
 * and {@code failures} collects their errors; both are guarded by {@code lock}, and the
 * {@code idle} condition is signalled when {@code running} drops to zero. A task's thread
 * registers itself in its task scope before running user code, so a cancellation of the nursery
 * racing with the start is never lost. Waiting for tasks in join()/close() does not stop at an
 * interrupt: any cancellation that reaches the owner also reaches every task, so the wait is
 * short, and the nursery must not be left while a task still runs.
 */
public final class Nursery implements AutoCloseable {

    private enum State { OPEN, CLOSED }

    private static final AtomicLong TASK_IDS = new AtomicLong();

    private final String name;
    private final CancelScope scope;
    private final Thread owner;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    /** Guarded by lock. */
    private int running;
    /** Guarded by lock. */
    private final List<Throwable> failures = new ArrayList<>();
    /** Guarded by lock; written by the owner, read by starters. */
    private State state = State.OPEN;
    /** Owner only: whether join() already raised the failures. */
    private boolean failuresRaised;

    private Nursery(String name) {
        this.name = name;
        this.scope = CancelScope.enterNew(false, null);
        this.owner = Thread.currentThread();
    }

    /** Opens a nursery owned by the calling thread, whose body then runs inside its scope. */
    public static Nursery open() {
        return new Nursery("nursery");
    }

    /** Opens a named nursery; the name appears in task thread names and in messages. */
    public static Nursery open(String name) {
        return new Nursery(Objects.requireNonNull(name, "name"));
    }

    /**
     * Runs {@code body} with a new nursery, waits for every task, and returns the body's value.
     * The body's error and every task failure are raised together (one as itself, several as an
     * {@link ExceptionGroup}); a body cancelled because a task failed does not add its
     * {@link Cancelled} to them.
     */
    public static <T> T run(NurseryBody<T> body) {
        var nursery = open();
        T value = null;
        Throwable bodyError = null;
        try {
            value = body.run(nursery);
        } catch (Throwable t) {
            bodyError = t;
            if (!nursery.isOwnCancellation(t)) {
                nursery.scope.cancel("nursery body failed", t);
            }
        }
        nursery.awaitTasks();
        List<Throwable> all = new ArrayList<>();
        if (bodyError != null && !nursery.isOwnCancellation(bodyError)) {
            all.add(bodyError);
        }
        nursery.lock.lock();
        try {
            all.addAll(nursery.failures);
            nursery.state = State.CLOSED;
        } finally {
            nursery.lock.unlock();
        }
        nursery.scope.close();
        ExceptionGroup.raise("nursery failed", all);
        return value;
    }

    // ---- starting tasks ------------------------------------------------------------------

    /**
     * Starts {@code task} on a new virtual thread and returns at once.
     *
     * @throws IllegalStateException if the nursery is closed
     */
    public void startSoon(Task task) {
        startSoon(null, task);
    }

    /** Starts a named task; the name is the task thread's name. */
    public void startSoon(String taskName, Task task) {
        Objects.requireNonNull(task, "task");
        launch(taskName, task::run, null);
    }

    /**
     * Starts {@code task} and waits until it reports readiness through its status handle, then
     * returns the reported value. The task keeps running in this nursery.
     *
     * <p>Blocks until the task reports, fails or ends. If the task fails before reporting, that
     * failure is raised here (and not by the nursery); if it returns without reporting, this
     * raises {@link IllegalStateException}. If the caller is cancelled while waiting, the task is
     * cancelled, this waits for it to end, and raises {@link Cancelled}.
     *
     * @throws IllegalStateException if the nursery is closed
     */
    public <T> T start(StartableTask<T> task) {
        return start(null, task);
    }

    /** Like {@link #start(StartableTask)} with a task name. */
    public <T> T start(String taskName, StartableTask<T> task) {
        Objects.requireNonNull(task, "task");
        var status = new Status<T>();
        var taskScope = launch(taskName, () -> task.run(status), status);
        try {
            status.ready.await();
        } catch (InterruptedException e) {
            taskScope.cancel("the caller of start() was cancelled");
            awaitUninterruptibly(status.ended);
            throw CancelScope.interrupted(e);
        }
        return status.outcome();
    }

    private CancelScope launch(String taskName, Task body, Status<?> status) {
        var taskScope = scope.newChild(false);
        lock.lock();
        try {
            if (state == State.CLOSED) {
                scope.removeChild(taskScope);
                throw new IllegalStateException("nursery '" + name + "' is closed: no task can"
                        + " be started in it any more");
            }
            running++;
        } finally {
            lock.unlock();
        }
        var threadName = taskName != null ? taskName : name + "-task-" + TASK_IDS.incrementAndGet();
        Thread.ofVirtual().name(threadName).start(() -> runTask(taskScope, body, status));
        return taskScope;
    }

    private void runTask(CancelScope taskScope, Task body, Status<?> status) {
        var thread = Thread.currentThread();
        taskScope.attach(thread);
        Throwable failure = null;
        try {
            body.run();
        } catch (Throwable t) {
            failure = t;
        } finally {
            taskScope.release(thread);
            scope.removeChild(taskScope);
        }
        if (status != null && status.endBeforeReady(failure)) {
            failure = null;
        }
        if (failure instanceof Cancelled && taskScope.cancelledFrom() != null) {
            failure = null;
        }
        taskEnded(thread, failure);
        if (status != null) {
            status.ended.countDown();
        }
    }

    private void taskEnded(Thread thread, Throwable failure) {
        lock.lock();
        try {
            if (failure != null) {
                failures.add(failure);
            }
            if (--running == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            scope.cancel("task '" + thread.getName() + "' failed", failure);
        }
    }

    // ---- waiting and closing -------------------------------------------------------------

    /**
     * Waits until every task has ended, then raises their failures, if any.
     *
     * <p>Blocks until all tasks have ended, including tasks started while waiting. An interrupt
     * of the caller cancels the nursery and the wait continues until the tasks have ended; a
     * cancellation of an enclosing scope is then raised as {@link Cancelled}.
     *
     * @throws WrongThreadException if called by a thread other than the opener
     */
    public void join() {
        checkOwner("join");
        awaitTasks();
        raiseFailures();
        var cancelled = scope.cancelledFrom();
        if (cancelled != null && cancelled != scope) {
            Thread.currentThread().interrupt();
            throw cancelled.newCancelled();
        }
    }

    /**
     * Cancels every task still running, waits until all have ended, and leaves the nursery.
     * Raises the tasks' failures unless {@link #join()} already did. Idempotent.
     *
     * @throws WrongThreadException if called by a thread other than the opener
     */
    @Override
    public void close() {
        checkOwner("close");
        lock.lock();
        try {
            if (state == State.CLOSED) {
                return;
            }
            if (running > 0) {
                scope.cancel("nursery '" + name + "' closed with tasks still running");
            }
        } finally {
            lock.unlock();
        }
        awaitTasks();
        lock.lock();
        try {
            state = State.CLOSED;
        } finally {
            lock.unlock();
        }
        scope.close();
        raiseFailures();
    }

    /** Cancels every task of this nursery (and its body); the nursery absorbs it. */
    public void cancel() {
        scope.cancel("nursery '" + name + "' cancelled");
    }

    /** The nursery's cancel scope, enclosing its body and every task. */
    public CancelScope cancelScope() {
        return scope;
    }

    /** The number of tasks started and not yet ended. */
    public int runningTasks() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    private void awaitTasks() {
        boolean interrupted = false;
        lock.lock();
        try {
            while (running > 0) {
                try {
                    idle.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (scope.cancelledFrom() == null) {
                        scope.cancel("the owner of nursery '" + name + "' was interrupted");
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        if (interrupted && scope.cancelledFrom() == null) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void raiseFailures() {
        List<Throwable> copy;
        lock.lock();
        try {
            if (failuresRaised || failures.isEmpty()) {
                return;
            }
            failuresRaised = true;
            copy = List.copyOf(failures);
        } finally {
            lock.unlock();
        }
        ExceptionGroup.raise("tasks of nursery '" + name + "' failed", copy);
    }

    private boolean isOwnCancellation(Throwable t) {
        return t instanceof Cancelled && scope.cancelledFrom() != null;
    }

    private void checkOwner(String what) {
        if (Thread.currentThread() != owner) {
            throw new WrongThreadException(what + "() of nursery '" + name + "' is for the"
                    + " thread that opened it (" + owner + "), not " + Thread.currentThread());
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "Nursery[" + name + ", " + state + ", running=" + running
                    + ", failures=" + failures.size() + ", " + scope + "]";
        } finally {
            lock.unlock();
        }
    }

    /** The body of {@link #run(NurseryBody)}. */
    @FunctionalInterface
    public interface NurseryBody<T> {
        T run(Nursery nursery) throws Exception;
    }

    /** Readiness hand-off between a started task and the caller of start(). */
    private static final class Status<T> implements TaskStatus<T> {
        final CountDownLatch ready = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);
        private final ReentrantLock lock = new ReentrantLock();
        /** Guarded by lock. */
        private boolean reported;
        private T value;
        private Throwable failure;

        @Override
        public void started(T v) {
            lock.lock();
            try {
                if (reported) {
                    throw new IllegalStateException("started() was already called for this task");
                }
                reported = true;
                value = v;
            } finally {
                lock.unlock();
            }
            ready.countDown();
        }

        /** The task ended; returns true if its failure was handed to the starter instead. */
        boolean endBeforeReady(Throwable taskFailure) {
            lock.lock();
            try {
                if (reported) {
                    return false;
                }
                reported = true;
                failure = taskFailure != null ? taskFailure : new IllegalStateException(
                        "the task returned without calling started() on its status");
            } finally {
                lock.unlock();
            }
            ready.countDown();
            return true;
        }

        T outcome() {
            if (failure != null) {
                throw ExceptionGroup.unchecked(failure);
            }
            return value;
        }
    }
}
