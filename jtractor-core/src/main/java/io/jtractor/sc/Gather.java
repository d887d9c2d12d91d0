package io.jtractor.sc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Several scoped resources entered concurrently and exited concurrently (SPEC T6): contexts
 * opened with several actors at once, connections to several peers.
 *
 * <pre>{@code
 * try (var gather = Gather.open(List.<Gather.Opener<Connection>>of(
 *         () -> Resource.of(connect(a)),
 *         () -> Resource.of(connect(b))))) {
 *     List<Connection> connections = gather.values();   // in the order of the openers
 *     ...
 * }   // every connection is closed, concurrently, before this line
 * }</pre>
 *
 * <p>Each resource is opened, held and torn down by a task of its own, in a nursery owned by the
 * thread that called {@link #open}: a resource that must be closed by the thread that opened it
 * (a scope, a context) is thereby closed correctly. Until {@link #close()}, the caller's code runs
 * inside that nursery's cancel scope.
 *
 * <p>If any opener fails, the others are cancelled, every resource already opened is torn down,
 * and {@code open} raises the failure (a teardown error meanwhile is attached to it as suppressed;
 * several independent open failures are raised as an {@link ExceptionGroup}). Teardowns run
 * shielded from cancellation, so a cancelled caller still leaves nothing open. A teardown error
 * does not cancel the other teardowns: {@link #close()} raises every one of them.
 *
 * @param <T> the type of the values
 */
public final class Gather<T> implements AutoCloseable {

    private final Object[] values;
    private final CountDownLatch opened;
    private final CountDownLatch exit = new CountDownLatch(1);
    private final Thread owner;
    /** Teardown errors, collected by the holders and raised by close() (not by the nursery). */
    private final List<Throwable> teardownErrors = new CopyOnWriteArrayList<>();
    private Nursery nursery;
    /** Owner only. */
    private boolean closed;

    private Gather(int size) {
        this.values = new Object[size];
        this.opened = new CountDownLatch(size);
        this.owner = Thread.currentThread();
    }

    /**
     * Opens every resource concurrently, each in its own task, and returns once all are open.
     *
     * <p>Blocks until every opener has returned or one has failed.
     *
     * @throws IllegalArgumentException if {@code openers} is empty
     * @throws NullPointerException if {@code openers} or one of them is null, or an opener
     *     returned null
     * @throws Cancelled if the caller was cancelled while the resources were being opened (all
     *     that were opened have been torn down)
     * @throws RuntimeException the failure of an opener (checked exceptions wrapped in a
     *     {@link java.util.concurrent.CompletionException})
     */
    public static <T> Gather<T> open(List<? extends Opener<? extends T>> openers) {
        Objects.requireNonNull(openers, "openers must not be null");
        if (openers.isEmpty()) {
            throw new IllegalArgumentException("gather needs at least one resource to open,"
                    + " got an empty list");
        }
        var copy = new ArrayList<Opener<? extends T>>(openers.size());
        for (int i = 0; i < openers.size(); i++) {
            copy.add(Objects.requireNonNull(openers.get(i), "opener #" + i + " is null"));
        }
        var gather = new Gather<T>(copy.size());
        gather.start(copy);
        return gather;
    }

    private void start(List<Opener<? extends T>> openers) {
        nursery = Nursery.open("gather");
        try {
            for (int i = 0; i < openers.size(); i++) {
                int index = i;
                var opener = openers.get(i);
                nursery.startSoon("gather-" + i, () -> hold(index, opener));
            }
            opened.await();
        } catch (Throwable t) {
            exit.countDown();
            closed = true;
            throw closeAfterFailure(t);
        }
    }

    /**
     * Closes the nursery after open failed or was cancelled; the nursery's failure (what an
     * opener raised) takes precedence over the cancellation it caused in the caller.
     */
    private RuntimeException closeAfterFailure(Throwable t) {
        Throwable raised = t instanceof InterruptedException e ? CancelScope.interrupted(e) : t;
        try {
            nursery.close();
        } catch (Throwable openFailure) {
            if (CancelScope.isCancellationSignal(t)) {
                raised = openFailure;
            } else {
                t.addSuppressed(openFailure);
            }
        }
        for (var teardownError : teardownErrors) {
            raised.addSuppressed(teardownError);
        }
        return ExceptionGroup.unchecked(raised);
    }

    /** A holding task: opens, reports the value, waits for the exit, tears down. */
    private void hold(int index, Opener<? extends T> opener) throws Exception {
        var resource = Objects.requireNonNull(opener.open(),
                "opener #" + index + " returned null instead of a Resource");
        try {
            values[index] = resource.value();
            opened.countDown();
            exit.await();
        } finally {
            try {
                CancelScope.shielded(scope -> {
                    resource.teardown().run();
                    return null;
                });
            } catch (Throwable t) {
                teardownErrors.add(t);
            }
        }
    }

    /** The opened values, in the order of the openers. */
    @SuppressWarnings("unchecked")
    public List<T> values() {
        return Collections.unmodifiableList(Arrays.asList((T[]) values));
    }

    /**
     * Tears every resource down, concurrently, and returns when all teardowns have ended.
     * Idempotent.
     *
     * @throws WrongThreadException if called by a thread other than the one that opened it
     * @throws RuntimeException a teardown's error; several as an {@link ExceptionGroup}
     */
    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            throw new WrongThreadException("a gather is closed by the thread that opened it"
                    + " (opener " + owner + ", caller " + Thread.currentThread() + ")");
        }
        if (closed) {
            return;
        }
        closed = true;
        exit.countDown();
        try {
            // Let the holders end on their own: cancelling them would turn independent
            // teardown errors into suppressed ones.
            nursery.join();
        } catch (Cancelled enclosing) {
            // An enclosing scope was cancelled: close() does not raise that, the caller will.
        } finally {
            nursery.close();
        }
        ExceptionGroup.raise("the teardown of " + teardownErrors.size() + " gathered"
                + " resource(s) failed", List.copyOf(teardownErrors));
    }

    @Override
    public String toString() {
        return "Gather[" + values.length + " resource(s)" + (closed ? ", closed" : "") + "]";
    }

    /**
     * Opens one resource; it runs in a task of its own.
     *
     * @param <T> the type of the value
     */
    @FunctionalInterface
    public interface Opener<T> {
        Resource<T> open() throws Exception;
    }
}
