package io.jtractor.sc;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A region of a task that can be cancelled as a whole, on demand or at a deadline.
 *
 * <p>Scopes nest: each thread has a current (inner-most) scope, and a scope opened by a thread
 * becomes a child of that thread's current scope. Tasks started in a {@link Nursery} run in a
 * child scope of the nursery's scope. Cancelling a scope cancels everything nested in it,
 * except what sits inside a <em>shielded</em> scope, which outer cancellation does not reach.
 *
 * <p>Cancellation is level-triggered: once a scope is cancelled, every blocking call of the
 * toolkit and the runtime made inside it raises {@link Cancelled} until the scope is left, also
 * calls made in {@code finally} blocks. It is delivered by interrupting the threads inside the
 * scope, so a task blocked in a plain JDK call (a socket read, a lock, a sleep, a queue take)
 * wakes too; while a thread's scope is cancelled its interrupt flag is kept set.
 *
 * <p>Two ways to use a scope:
 * <pre>{@code
 * // body-taking forms: a cancellation of this scope is absorbed when the body is left
 * CancelScope scope = CancelScope.moveOnAfter(Duration.ofSeconds(1), s -> pollSlowly());
 * if (scope.cancelledCaught()) { ... }
 * String value = CancelScope.failAfter(Duration.ofSeconds(1), s -> fetch());
 *
 * // try-with-resources: the scope is entered on open and left on close; a Cancelled raised
 * // inside propagates out of the try statement (Java cannot absorb it in close())
 * try (var scope = CancelScope.open()) { ... scope.cancel("done early"); ... }
 * }</pre>
 *
 * <p><b>Implementation overview.</b> Every scope knows its parent, its child scopes and the
 * threads whose current scope it is. {@link #cancel} sets the volatile {@code cancelled} flag
 * first and then walks the subtree (skipping shielded children), interrupting each registered
 * thread. A thread entering a scope registers first and checks the flags after, so a
 * cancellation racing with the entry is never missed. On leaving a scope the thread's interrupt
 * flag is set or cleared to match whether its new current scope is effectively cancelled.
 */
public final class CancelScope implements AutoCloseable {

    private static final ThreadLocal<CancelScope> CURRENT = new ThreadLocal<>();

    private static final ScheduledExecutorService TIMERS =
            Executors.newSingleThreadScheduledExecutor(r -> {
                var thread = new Thread(r, "jtractor-deadlines");
                thread.setDaemon(true);
                return thread;
            });

    private final CancelScope parent;
    /** Written by the owner before entering; read by any thread walking the tree. */
    private volatile boolean shield;
    /** Set once by any thread; read by every thread inside the scope. */
    private volatile boolean cancelled;
    private volatile String reason;
    private volatile Throwable cause;
    private volatile boolean deadlineReached;
    private volatile boolean cancelledCaught;
    private volatile ScheduledFuture<?> deadlineTimer;
    /** Threads whose current (inner-most) scope is this one. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Set<CancelScope> children = ConcurrentHashMap.newKeySet();
    /** The thread that entered the scope with {@link #open()}; null for task scopes. */
    private volatile Thread owner;
    private volatile boolean closed;

    CancelScope(CancelScope parent, boolean shield) {
        this.parent = parent;
        this.shield = shield;
    }

    // ---- opening -------------------------------------------------------------------------

    /** Enters a new scope as a child of the calling thread's current scope. */
    public static CancelScope open() {
        return enterNew(false, null);
    }

    /** Enters a new shielded scope: cancellation of enclosing scopes does not reach inside. */
    public static CancelScope openShielded() {
        return enterNew(true, null);
    }

    /**
     * Enters a new scope that cancels itself when {@code timeout} has elapsed.
     *
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    public static CancelScope open(Duration timeout) {
        return enterNew(false, checkTimeout(timeout));
    }

    /**
     * Runs {@code body} in a new scope and absorbs the scope's own cancellation: when the body is
     * cancelled because this scope (not an enclosing one) was cancelled, this returns normally
     * and {@link #cancelledCaught()} is true. The body's value is dropped; use {@link #call}
     * to keep it.
     */
    public static CancelScope run(ScopedRun body) {
        var scope = enterNew(false, null);
        scope.runInside(s -> {
            body.run(s);
            return null;
        });
        return scope;
    }

    /**
     * Runs {@code body} in a new scope and returns its value, or {@code null} when the body was
     * cancelled through this scope (see {@link #run}).
     */
    public static <T> T call(ScopedCall<T> body) {
        return enterNew(false, null).runInside(body);
    }

    /** Runs {@code body} in a shielded scope and returns its value. */
    public static <T> T shielded(ScopedCall<T> body) {
        return enterNew(true, null).runInside(body);
    }

    /**
     * Runs {@code body} with a deadline; if the deadline passes first, the body is cancelled,
     * that cancellation is absorbed and this returns normally. The returned scope tells whether
     * that happened ({@link #cancelledCaught()}).
     *
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    public static CancelScope moveOnAfter(Duration timeout, ScopedRun body) {
        var scope = enterNew(false, checkTimeout(timeout));
        scope.runInside(s -> {
            body.run(s);
            return null;
        });
        return scope;
    }

    /**
     * Runs {@code body} with a deadline and returns its value.
     *
     * @throws DeadlineExceeded if the deadline passed before the body finished (the body was
     *     cancelled and has ended)
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    public static <T> T failAfter(Duration timeout, ScopedCall<T> body) {
        var scope = enterNew(false, checkTimeout(timeout));
        T value = scope.runInside(body);
        if (scope.cancelledCaught && scope.deadlineReached) {
            throw new DeadlineExceeded(timeout, scope.newCancelled());
        }
        return value;
    }

    private static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(
                    "a deadline needs a positive timeout, got " + timeout.toMillis() + " ms");
        }
        return timeout;
    }

    static CancelScope enterNew(boolean shield, Duration timeout) {
        var scope = new CancelScope(current(), shield);
        scope.owner = Thread.currentThread();
        scope.parent.children.add(scope);
        scope.attach(Thread.currentThread());
        if (timeout != null) {
            scope.deadline(timeout);
        }
        return scope;
    }

    private <T> T runInside(ScopedCall<T> body) {
        try {
            return body.call(this);
        } catch (Cancelled c) {
            if (!cancelled) {
                throw c;
            }
            cancelledCaught = true;
            return null;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        } finally {
            close();
        }
    }

    // ---- the calling thread's scope ------------------------------------------------------

    /** The calling thread's current (inner-most) scope; a thread outside any has a root scope. */
    public static CancelScope current() {
        var scope = CURRENT.get();
        if (scope == null) {
            scope = new CancelScope(null, false);
            scope.threads.add(Thread.currentThread());
            CURRENT.set(scope);
        }
        return scope;
    }

    /**
     * Raises {@link Cancelled} if the calling thread's current scope is effectively cancelled,
     * or if the thread was interrupted outside any cancellation.
     */
    public static void checkpoint() {
        var cancelled = current().cancelledFrom();
        if (cancelled != null) {
            Thread.currentThread().interrupt();
            throw cancelled.newCancelled();
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new Cancelled(null, "thread interrupted", null);
        }
    }

    /**
     * Turns an {@link InterruptedException} caught from a JDK call into the exception the
     * toolkit raises for it: {@link Cancelled} of the effectively cancelled scope, or a bare
     * {@code Cancelled} for an interrupt that came from outside. The interrupt flag is set again
     * in both cases.
     */
    public static Cancelled interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        var cancelled = current().cancelledFrom();
        var ex = cancelled == null
                ? new Cancelled(null, "thread interrupted", null)
                : cancelled.newCancelled();
        ex.addSuppressed(e);
        return ex;
    }

    // ---- state ---------------------------------------------------------------------------

    /**
     * Cancels this scope and everything nested in it (except shielded scopes). Idempotent; the
     * first reason is kept. Never blocks and never raises in the calling thread.
     */
    public void cancel() {
        cancel("cancel() called", null);
    }

    /** Cancels with a reason that names who or what cancelled. */
    public void cancel(String reason) {
        cancel(reason, null);
    }

    /** Cancels with a reason and the failure that caused the cancellation. */
    public void cancel(String reason, Throwable cause) {
        if (cancelled) {
            return;
        }
        this.reason = reason;
        this.cause = cause;
        cancelled = true;
        var timer = deadlineTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        deliver();
    }

    private void deliver() {
        for (var thread : threads) {
            thread.interrupt();
        }
        for (var child : children) {
            if (!child.shield && !child.cancelled) {
                child.deliver();
            }
        }
    }

    /**
     * Sets or moves the deadline to {@code timeout} from now.
     *
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    public void deadline(Duration timeout) {
        checkTimeout(timeout);
        var previous = deadlineTimer;
        if (previous != null) {
            previous.cancel(false);
        }
        deadlineTimer = TIMERS.schedule(() -> {
            deadlineReached = true;
            cancel("deadline of " + timeout.toMillis() + " ms reached", null);
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether this scope itself was cancelled (enclosing scopes are not consulted). */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Whether the calling code in this scope would see a cancellation now. */
    public boolean isEffectivelyCancelled() {
        return cancelledFrom() != null;
    }

    /** Whether a {@link Cancelled} of this scope was absorbed when the body was left. */
    public boolean cancelledCaught() {
        return cancelledCaught;
    }

    /** Whether this scope was cancelled by its deadline. */
    public boolean deadlineReached() {
        return deadlineReached;
    }

    /** Whether this scope is shielded from enclosing cancellation. */
    public boolean isShielded() {
        return shield;
    }

    /** The reason given to the first {@link #cancel(String)}, or null. */
    public String reason() {
        return reason;
    }

    /** The failure that caused the cancellation, or null. */
    public Throwable cause() {
        return cause;
    }

    /**
     * Leaves a scope entered with {@link #open()}; the calling thread's current scope becomes
     * the enclosing one again. Idempotent.
     *
     * @throws WrongThreadException if called by a thread other than the one that opened it
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (parent == null) {
            throw new IllegalStateException("a thread's root scope cannot be closed");
        }
        if (owner != null && owner != Thread.currentThread()) {
            throw new WrongThreadException("a cancel scope is closed by the thread that opened it"
                    + " (opener " + owner + ", caller " + Thread.currentThread() + ")");
        }
        closed = true;
        var timer = deadlineTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        detach(Thread.currentThread());
        parent.children.remove(this);
    }

    // ---- internals shared with Nursery ---------------------------------------------------

    CancelScope newChild(boolean shielded) {
        var child = new CancelScope(this, shielded);
        children.add(child);
        return child;
    }

    void removeChild(CancelScope child) {
        children.remove(child);
    }

    CancelScope parent() {
        return parent;
    }

    /** Makes this the current scope of {@code thread} (the calling thread). */
    void attach(Thread thread) {
        var previous = CURRENT.get();
        if (previous != null) {
            previous.threads.remove(thread);
        }
        threads.add(thread);
        CURRENT.set(this);
        syncInterruptFlag();
    }

    /** Makes the parent the current scope of {@code thread} (the calling thread) again. */
    void detach(Thread thread) {
        threads.remove(thread);
        if (parent != null) {
            parent.threads.add(thread);
            CURRENT.set(parent);
            parent.syncInterruptFlag();
        } else {
            CURRENT.remove();
        }
    }

    /** For a task thread that ends: forgets it without handing it to the parent. */
    void release(Thread thread) {
        threads.remove(thread);
        CURRENT.remove();
    }

    private void syncInterruptFlag() {
        if (cancelledFrom() != null) {
            Thread.currentThread().interrupt();
        } else {
            Thread.interrupted();
        }
    }

    /** The nearest cancelled scope that reaches this one, or null. */
    CancelScope cancelledFrom() {
        for (var scope = this; scope != null; scope = scope.parent) {
            if (scope.cancelled) {
                return scope;
            }
            if (scope.shield) {
                return null;
            }
        }
        return null;
    }

    Cancelled newCancelled() {
        return new Cancelled(this, reason, cause);
    }

    @Override
    public String toString() {
        return "CancelScope[" + (cancelled ? "cancelled: " + reason : "active")
                + (shield ? ", shielded" : "") + (closed ? ", closed" : "") + "]";
    }

    /** A body that receives its scope. */
    @FunctionalInterface
    public interface ScopedRun {
        void run(CancelScope scope) throws Exception;
    }

    /** A body that receives its scope and returns a value. */
    @FunctionalInterface
    public interface ScopedCall<T> {
        T call(CancelScope scope) throws Exception;
    }
}
