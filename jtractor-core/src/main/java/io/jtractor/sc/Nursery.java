package io.jtractor.sc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
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
 * <p>A task that fails <em>while it is being cancelled</em> (typically in a {@code finally} block
 * that runs because of the cancellation) does not add a failure of its own when the nursery
 * already holds one: its error is attached as a suppressed exception to the failure that is
 * still to be raised, so the original error is what the nursery raises.
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
 * collects are attached to it as suppressed exceptions (that is Java's rule for close()). A body
 * cancelled because a task failed therefore leaves the try statement with a {@link Cancelled}
 * whose cause is that failure. {@link #run(NurseryBody)} is the body-taking form: there, the
 * body's own error and the tasks' failures are raised together, and a body cancelled because a
 * task failed raises that task's failure.
 *
 * <p>{@link #join()} and {@link #close()} belong to the thread that opened the nursery; any
 * thread, including tasks of other nurseries, may start tasks into it until it is closed.
 *
 * <p><b>Implementation overview.</b> {@code control} holds the number of started tasks that
 * have not ended and, in its top bit, the CLOSED state; it changes only by compare-and-set or
 * atomic add, so starting and ending a task takes no lock. A task counts as running from the
 * moment it is admitted (a compare-and-set that fails once CLOSED is set) until its thread has
 * left its task scope, so {@code close()} moves from zero running tasks to CLOSED in one
 * compare-and-set, and no task can start in between. The owner waits for the count to reach
 * zero by parking, after publishing itself in {@code waiter}; the task whose end brings the
 * count to zero unparks it (both sides write, then read the other's field, so one of them sees
 * the other). {@code failures} collects task errors in order of arrival and {@code raised} says
 * how many of them were raised already; both are guarded by {@code lock}, which only failures,
 * join() and close() take. A failure is recorded before its task's end is counted, so an owner
 * that sees zero running tasks sees every failure. A task's thread enters its task scope before
 * running user code, so a cancellation of the nursery racing with the start is never lost.
 * Waiting for tasks in join()/close() does not stop at an interrupt: any cancellation that
 * reaches the owner also reaches every task, so the wait is short, and the nursery must not be
 * left while a task still runs; an interrupt from outside any cancellation cancels the nursery
 * first.
 */
public final class Nursery implements AutoCloseable {

    /** The bit of {@code control} set (by close() or run() once no task runs) when CLOSED. */
    private static final int CLOSED = 1 << 31;

    private static final VarHandle CONTROL;

    static {
        try {
            CONTROL = MethodHandles.lookup().findVarHandle(Nursery.class, "control", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final CancelScope scope;
    private final Thread owner;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Running tasks in the low bits, CLOSED in the top bit. Changed by any thread starting a
     * task and by ending tasks (atomically); CLOSED is set by the owner and is final.
     */
    private volatile int control;
    /** The owner while it waits for the tasks to end, else null; written by the owner. */
    private volatile Thread waiter;
    /** Guarded by lock: failures to raise, in order of arrival. */
    private final List<Throwable> failures = new ArrayList<>();
    /** Guarded by lock: how many of {@code failures} were raised already. */
    private int raised;

    private Nursery(String name) {
        this.name = name;
        this.scope = CancelScope.enterNew(false, null);
        this.owner = Thread.currentThread();
    }

    /** Opens a nursery owned by the calling thread, whose body then runs inside its scope. */
    public static Nursery open() {
        return new Nursery("nursery");
    }

    /** Opens a named nursery; the name appears in messages and cancellation reasons. */
    public static Nursery open(String name) {
        return new Nursery(Objects.requireNonNull(name, "name must not be null"));
    }

    /**
     * Runs {@code body} with a new nursery, waits for every task, and returns the body's value.
     *
     * <p>The body's error and every task failure are raised together (one as itself, several as
     * an {@link ExceptionGroup}); a body cancelled because a task failed or because the nursery
     * was cancelled does not add its {@link Cancelled}, and then returns {@code null} when no
     * task failed. A cancellation of an enclosing scope is raised once every task has ended.
     */
    public static <T> T run(NurseryBody<T> body) {
        Objects.requireNonNull(body, "body must not be null");
        var nursery = open();
        T value = null;
        Throwable cancellation = null;
        try {
            value = body.run(nursery);
        } catch (Throwable t) {
            cancellation = nursery.bodyEnded(t);
        }
        boolean externalInterrupt = nursery.awaitTasks(true);
        nursery.scope.close();
        if (externalInterrupt) {
            Thread.currentThread().interrupt();
        }
        nursery.raiseFailures();
        if (cancellation instanceof Cancelled c) {
            throw c;
        }
        // An enclosing scope cancelled while the tasks ran ends them quietly; it must still
        // reach the caller.
        CancelScope.checkpoint();
        return value;
    }

    /**
     * Sorts out how the body of run() ended: records a failure (cancelling the tasks), or
     * returns a cancellation of an enclosing scope to raise at the end, or null when the body
     * was cancelled by this nursery.
     */
    private Throwable bodyEnded(Throwable thrown) {
        var t = scope.deliveredInside(thrown);
        if (CancelScope.isCancellationSignal(t) && scope.isEffectivelyCancelled()) {
            return scope.isCancelled() ? null : t;
        }
        if (t instanceof Cancelled) {
            scope.cancel(owner.getName(), "the body of nursery '" + name + "' was cancelled", t);
            return t;
        }
        lock.lock();
        try {
            failures.add(t);
        } finally {
            lock.unlock();
        }
        scope.cancel(owner.getName(), "the body of nursery '" + name + "' failed", t);
        return null;
    }

    // ---- starting tasks ------------------------------------------------------------------

    /**
     * Starts {@code task} on a new virtual thread and returns at once. Any thread may call it.
     *
     * @throws IllegalStateException if the nursery is closed
     * @throws NullPointerException if the task is null
     */
    public void startSoon(Task task) {
        startSoon(null, task);
    }

    /**
     * Starts a named task (see {@link #startSoon(Task)}); the name is the task thread's name
     * and appears in the reason of the cancellation its failure causes. Unnamed task threads
     * have no name; messages then identify them by thread id.
     *
     * @throws IllegalStateException if the nursery is closed
     * @throws NullPointerException if the task is null
     */
    public void startSoon(String taskName, Task task) {
        Objects.requireNonNull(task, "task must not be null: startSoon() needs the code to run");
        launch(taskName, task, null);
    }

    /**
     * Starts {@code task} and waits until it reports readiness through its status handle, then
     * returns the reported value. The task keeps running in this nursery. Any thread may call
     * it, so a task can start a service into a nursery that outlives it.
     *
     * <p>Blocks until the task reports, fails or ends. If the task fails before reporting, that
     * failure is raised here (and does not count as a failure of the nursery); if it returns
     * without reporting, this raises {@link IllegalStateException}; if it is cancelled before
     * reporting (the nursery was cancelled), its {@link Cancelled} is raised here. If the caller
     * is cancelled while waiting, the task is cancelled, this waits for it to end, and raises
     * {@link Cancelled} (or the task's own failure, if it failed instead).
     *
     * @throws IllegalStateException if the nursery is closed
     * @throws NullPointerException if the task is null
     * @throws Cancelled if the caller was already cancelled (nothing is started then)
     */
    public <T> T start(StartableTask<T> task) {
        return start(null, task);
    }

    /** Like {@link #start(StartableTask)}, with a name for the task thread. */
    public <T> T start(String taskName, StartableTask<T> task) {
        Objects.requireNonNull(task, "task must not be null: start() needs the code to run");
        CancelScope.checkpoint();
        var status = new Status<T>();
        var taskScope = launch(taskName, () -> task.run(status), status);
        try {
            status.ready.await();
        } catch (InterruptedException e) {
            if (!status.abandon()) {
                // Reported in the meantime: the task is the nursery's now; keep the interrupt.
                Thread.currentThread().interrupt();
                return status.outcome(null);
            }
            taskScope.cancel(Thread.currentThread().getName(),
                    "the caller of start() was cancelled before the task reported readiness",
                    null);
            awaitUninterruptibly(status.ended);
            return status.outcome(CancelScope.interrupted(e));
        }
        return status.outcome(null);
    }

    private CancelScope launch(String taskName, Task body, Status<?> status) {
        admit();
        var taskScope = scope.newTaskScope();
        try {
            Runnable run = () -> runTask(taskScope, body, status);
            if (taskName == null) {
                Thread.startVirtualThread(run);
            } else {
                Thread.ofVirtual().name(taskName).start(run);
            }
        } catch (Throwable t) {
            scope.removeChild(taskScope);
            taskEnded(taskName, null, false);
            throw t;
        }
        return taskScope;
    }

    /** Counts a new task as running, unless the nursery is closed. */
    private void admit() {
        int c;
        do {
            c = control;
            if ((c & CLOSED) != 0) {
                throw new IllegalStateException("nursery '" + name + "' is closed: no task can"
                        + " be started in it any more");
            }
        } while (!CONTROL.compareAndSet(this, c, c + 1));
    }

    private void runTask(CancelScope taskScope, Task body, Status<?> status) {
        taskScope.enterTask();
        Throwable failure = null;
        boolean cancelled = false;
        try {
            body.run();
        } catch (Throwable t) {
            failure = taskScope.deliveredInside(t);
            cancelled = taskScope.isEffectivelyCancelled() && CancelScope.isCancellationSignal(t);
        }
        boolean sawCancellation = taskScope.leaveTask();
        scope.removeChild(taskScope);
        if (status != null && status.endBeforeReady(failure, cancelled, taskScope)) {
            failure = null;
        }
        if (cancelled) {
            failure = null;
        }
        taskEnded(failure == null ? null : taskName(), failure, sawCancellation);
        if (status != null) {
            status.ended.countDown();
        }
    }

    /** The calling task thread's name, or its id when it has none. */
    private static String taskName() {
        var thread = Thread.currentThread();
        var threadName = thread.getName();
        return threadName.isEmpty() ? "#" + thread.threadId() : threadName;
    }

    /**
     * Records the end of a task. A failure of a task that saw a cancellation is attached as
     * suppressed to the oldest failure not yet raised, if there is one.
     */
    private void taskEnded(String taskName, Throwable failure, boolean sawCancellation) {
        if (failure != null) {
            recordFailure(failure, sawCancellation);
        }
        if ((int) CONTROL.getAndAdd(this, -1) - 1 == 0) {
            var w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
        if (failure != null) {
            scope.cancel(taskName, "task '" + taskName + "' of nursery '" + name + "' failed",
                    failure);
        }
    }

    private void recordFailure(Throwable failure, boolean sawCancellation) {
        lock.lock();
        try {
            if (sawCancellation && failures.size() > raised) {
                var primary = failures.get(raised);
                if (primary != failure) {
                    primary.addSuppressed(failure);
                }
            } else {
                failures.add(failure);
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- waiting and closing -------------------------------------------------------------

    /**
     * Waits until every task has ended, then raises their failures, if any; the nursery stays
     * open. Tasks started while waiting are waited for too.
     *
     * <p>An interrupt of the caller cancels the nursery and the wait continues until the tasks
     * have ended; then a cancellation of an enclosing scope, or the interrupt, is raised as
     * {@link Cancelled}. A cancellation of the nursery itself ({@link #cancel()}) is not raised.
     *
     * @throws WrongThreadException if called by a thread other than the opener
     * @throws IllegalStateException if the nursery is closed
     */
    public void join() {
        checkOwner("join");
        if ((control & CLOSED) != 0) {
            throw new IllegalStateException("nursery '" + name + "' is closed: join() is"
                    + " for an open nursery");
        }
        boolean externalInterrupt = awaitTasks(false);
        raiseFailures();
        var cancelled = scope.cancelledFrom();
        if (cancelled != null && cancelled != scope) {
            Thread.currentThread().interrupt();
            throw cancelled.newCancelled();
        }
        if (externalInterrupt) {
            throw new Cancelled(null, null, "the thread was interrupted while joining nursery '"
                    + name + "'", null);
        }
    }

    /**
     * Cancels every task still running, waits until all have ended, and leaves the nursery.
     * Raises the tasks' failures that {@link #join()} has not raised yet. Never raises
     * {@link Cancelled}. Idempotent.
     *
     * @throws WrongThreadException if called by a thread other than the opener
     */
    @Override
    public void close() {
        checkOwner("close");
        int c = control;
        if ((c & CLOSED) != 0) {
            return;
        }
        int stillRunning = c;
        if (stillRunning > 0) {
            scope.cancel(owner.getName(), "nursery '" + name + "' closed with " + stillRunning
                    + " task(s) still running", null);
        }
        boolean externalInterrupt = awaitTasks(true);
        scope.close();
        if (externalInterrupt) {
            Thread.currentThread().interrupt();
        }
        raiseFailures();
    }

    /** Cancels every task of this nursery (and its body); the nursery absorbs it. */
    public void cancel() {
        cancel("nursery '" + name + "' cancelled");
    }

    /** Cancels every task of this nursery (and its body) with a reason; see {@link #cancel()}. */
    public void cancel(String reason) {
        scope.cancel(null, reason, null);
    }

    /** The nursery's cancel scope, enclosing its body and every task. */
    public CancelScope cancelScope() {
        return scope;
    }

    /** The nursery's name, as given to {@link #open(String)}. */
    public String name() {
        return name;
    }

    /** The number of tasks started and not yet ended. */
    public int runningTasks() {
        return control & ~CLOSED;
    }

    /** Whether the nursery was closed (no task can be started any more). */
    public boolean isClosed() {
        return (control & CLOSED) != 0;
    }

    /**
     * Waits until no task runs; with {@code close}, moves to CLOSED in the same lock hold.
     * Returns whether the owner was interrupted from outside any cancellation (the nursery was
     * then cancelled). The interrupt flag is set again if any interrupt arrived.
     */
    private boolean awaitTasks(boolean close) {
        boolean interrupted = false;
        boolean external = false;
        waiter = owner;
        try {
            while (!tasksEnded(close)) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                    if (!external && !scope.isEffectivelyCancelled()) {
                        external = true;
                        scope.cancel(owner.getName(), "the owner of nursery '" + name
                                + "' was interrupted", null);
                    }
                }
            }
        } finally {
            waiter = null;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return external;
    }

    /** Whether no task runs; with {@code close}, also moves to CLOSED if so. */
    private boolean tasksEnded(boolean close) {
        int c = control;
        if ((c & ~CLOSED) != 0) {
            return false;
        }
        return !close || (c & CLOSED) != 0 || CONTROL.compareAndSet(this, c, c | CLOSED);
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
        List<Throwable> fresh;
        lock.lock();
        try {
            if (raised == failures.size()) {
                return;
            }
            fresh = List.copyOf(failures.subList(raised, failures.size()));
            raised = failures.size();
        } finally {
            lock.unlock();
        }
        ExceptionGroup.raise("nursery '" + name + "' failed", fresh);
    }

    private void checkOwner(String what) {
        if (Thread.currentThread() != owner) {
            throw new WrongThreadException(what + "() of nursery '" + name + "' is for the"
                    + " thread that opened it (" + owner + "), not " + Thread.currentThread());
        }
    }

    @Override
    public String toString() {
        int c = control;
        int failed;
        lock.lock();
        try {
            failed = failures.size();
        } finally {
            lock.unlock();
        }
        return "Nursery[" + name + ", " + ((c & CLOSED) != 0 ? "CLOSED" : "OPEN")
                + ", running=" + (c & ~CLOSED) + ", failures=" + failed + ", " + scope + "]";
    }

    /** The body of {@link #run(NurseryBody)}. */
    @FunctionalInterface
    public interface NurseryBody<T> {
        T run(Nursery nursery) throws Exception;
    }

    /**
     * Readiness hand-off between a started task and the caller of start(). {@code reported},
     * {@code abandoned}, {@code value} and {@code failure} are guarded by {@code lock}; the
     * latches publish them to the caller.
     */
    private static final class Status<T> implements TaskStatus<T> {
        final CountDownLatch ready = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);
        private final ReentrantLock lock = new ReentrantLock();
        private boolean reported;
        private boolean abandoned;
        private T value;
        private Throwable failure;

        @Override
        public void started(T v) {
            lock.lock();
            try {
                if (reported) {
                    throw new IllegalStateException("started() was called twice, or after the"
                            + " task ended: readiness is reported once");
                }
                reported = true;
                value = v;
            } finally {
                lock.unlock();
            }
            ready.countDown();
        }

        /** The caller gives up waiting; false if the task reported first. */
        boolean abandon() {
            lock.lock();
            try {
                abandoned = !reported;
                return abandoned;
            } finally {
                lock.unlock();
            }
        }

        /**
         * The task ended; returns true if its outcome goes to the caller of start() rather than
         * to the nursery: it had not reported, or the caller had given up on it.
         */
        boolean endBeforeReady(Throwable taskFailure, boolean cancelled, CancelScope taskScope) {
            lock.lock();
            try {
                if (reported && !abandoned) {
                    return false;
                }
                if (cancelled && !(taskFailure instanceof Cancelled)) {
                    var from = taskScope.cancelledFrom();
                    var c = from != null ? from.newCancelled() : taskScope.newCancelled();
                    c.addSuppressed(taskFailure);
                    taskFailure = c;
                }
                if (!reported) {
                    reported = true;
                    failure = taskFailure != null ? taskFailure : new IllegalStateException(
                            "the task returned without calling started() on its status");
                } else {
                    failure = taskFailure;
                }
            } finally {
                lock.unlock();
            }
            ready.countDown();
            return true;
        }

        /**
         * The outcome for the caller: the reported value, or the task's failure. A caller
         * that was cancelled ({@code callerCancelled} not null) gets its own cancellation,
         * unless the task failed with a real error.
         */
        T outcome(Cancelled callerCancelled) {
            lock.lock();
            try {
                if (callerCancelled != null) {
                    if (failure != null && !(failure instanceof Cancelled)) {
                        failure.addSuppressed(callerCancelled);
                        throw ExceptionGroup.unchecked(failure);
                    }
                    throw callerCancelled;
                }
                if (failure != null) {
                    throw ExceptionGroup.unchecked(failure);
                }
                return value;
            } finally {
                lock.unlock();
            }
        }
    }
}
