package io.jtractor.sc;

import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A region of a task that can be cancelled as a whole, on demand or at a deadline.
 *
 * <p>Scopes nest: each thread has a current (inner-most) scope, and a scope opened by a thread
 * becomes a child of that thread's current scope. Tasks started in a {@link Nursery} run in a
 * child scope of the nursery's scope. Cancelling a scope cancels everything nested in it,
 * except what sits inside a <em>shielded</em> scope, which outer cancellation does not reach.
 * When several deadlines are nested, whichever passes first cancels its own scope and with it
 * everything inside; an inner scope's earlier deadline ends only the inner scope.
 *
 * <p>Cancellation is level-triggered: once a scope is cancelled, every blocking call of the
 * toolkit and the runtime made inside it raises {@link Cancelled} until the scope is left, also
 * calls made in {@code finally} blocks. It is delivered by interrupting the threads inside the
 * scope, so a task blocked in a plain JDK call (a socket read, an interruptible lock wait, a
 * sleep, a queue take) wakes too; while a thread's scope is cancelled its interrupt flag is kept
 * set, and it is cleared again when the thread leaves the cancelled region. (Socket reads wake on
 * interruption only on virtual threads, which is what nursery tasks run on.)
 *
 * <p>The JDK exceptions that such a woken call raises ({@link InterruptedException},
 * {@link InterruptedIOException}, {@link ClosedByInterruptException}, and a
 * {@link SocketException} raised while the thread is interrupted) count as this cancellation
 * when they leave a cancelled scope's body or a cancelled task: they are absorbed like
 * {@link Cancelled} is.
 *
 * <p>The interrupt that delivered a scope's cancellation ends with that scope. When the
 * exception it raised leaves the scope only later, through a try-with-resources that Java does
 * not let close() absorb, the next boundary it crosses (a body-taking form or a nursery's task
 * or body, itself not cancelled) neither sets the interrupt flag again nor reports a bare
 * interrupt: it raises the failure that caused the cancellation if that travels with the
 * exception as suppressed (as a remote error does once its context was left), and else the
 * left scope's {@link Cancelled}. Where no such boundary follows, the exception keeps the
 * failure as suppressed, and the thread's interrupt flag is clear.
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
 * <p><b>Implementation overview.</b> Every thread that uses scopes has a {@code Member}: its
 * current scope and a small lock. Every scope knows its parent, its child scopes and the member
 * whose current scope it is (only one thread ever enters a given scope: the one that opened it,
 * or its task's thread). {@link #cancel} publishes the cancellation with one atomic
 * compare-and-set (the first reason wins) and then walks the subtree, skipping shielded and
 * already cancelled children, interrupting each member thread whose current scope is still
 * effectively cancelled, checked under that member's lock.
 *
 * <p>The child scopes form an intrusive singly-linked list, {@code firstChild} then
 * {@code nextSibling}, with no lock: a new child is pushed at the front by compare-and-set, and a
 * child that ends only marks itself {@code detached}, so starting and ending a task costs one
 * compare-and-set and one write. Detached children are unlinked later by a sweep that an
 * adding thread runs once the adds since the last sweep outnumber the children it then found
 * alive (and at least {@value #SWEEP_MIN}), so the garbage stays bounded by the live count and
 * the work per add is constant on average. One sweeper at a time (a compare-and-set flag); it
 * unlinks a detached front child by compare-and-set against racing pushes, and others by a plain
 * write to the {@code nextSibling} of a child that nobody else writes. A detached child keeps its
 * own {@code nextSibling}, so a canceller walking the list concurrently never loses its way, and
 * no live child is ever skipped: pushes only touch the front, and the sweeper only ever jumps
 * over detached children.
 *
 * <p>A thread changes its current scope only under its own member lock: it registers in the
 * new scope, then reads the cancellation flags, then sets its interrupt flag when it entered a
 * cancelled region, or clears it when it left one. Two races are closed that way. A cancellation
 * racing with an entry is never missed: the canceller publishes before walking and the thread
 * registers before checking, so at least one of them sees the other. And a canceller can never
 * interrupt a thread that has already left the cancelled region (a stray interrupt that would
 * surface later as a spurious cancellation), because it re-checks the thread's current scope
 * under the same lock the thread holds while it leaves. A task thread's first entry (into its
 * task scope) and last exit (out of it) skip the lock: entering, an interrupt can only be due;
 * leaving, the thread runs no user code any more, so a late interrupt is harmless. That keeps
 * the start and end of a task free of locks.
 *
 * <p>A thread that leaves a cancelled region for one that is not records, in its member, the
 * scope it left ({@code left}); entering a new scope forgets it. A boundary that catches a
 * cancellation signal while its own scope is not effectively cancelled consults and clears that
 * record ({@code deliveredInside}): a recorded scope nested in the boundary's means the signal
 * is the spent delivery of that scope's cancellation, not an interrupt from outside.
 */
public final class CancelScope implements AutoCloseable {

    /** The calling thread's membership; absent until the thread first uses a scope. */
    private static final ThreadLocal<Member> MEMBER = new ThreadLocal<>();

    private static final ScheduledThreadPoolExecutor TIMERS = newTimers();

    private static final VarHandle CANCELLATION;
    private static final VarHandle TIMER;
    private static final VarHandle FIRST_CHILD;
    private static final VarHandle SWEEPING;

    /** The fewest adds after which a sweep of detached children runs. */
    private static final int SWEEP_MIN = 32;

    static {
        try {
            var lookup = MethodHandles.lookup();
            CANCELLATION = lookup.findVarHandle(
                    CancelScope.class, "cancellation", Cancellation.class);
            TIMER = lookup.findVarHandle(CancelScope.class, "deadlineTimer", ScheduledFuture.class);
            FIRST_CHILD = lookup.findVarHandle(
                    CancelScope.class, "firstChild", CancelScope.class);
            SWEEPING = lookup.findVarHandle(CancelScope.class, "sweeping", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Null only for a thread's root scope. */
    private final CancelScope parent;
    private final boolean shield;
    /** The thread that opened the scope and alone may close it; null for roots and task scopes. */
    private final Thread owner;
    /** Null until cancelled; then set once, by compare-and-set, by any thread. */
    private volatile Cancellation cancellation;
    /** Written by the thread leaving a body-taking form; read by its caller. */
    private volatile boolean cancelledCaught;
    /** Swapped atomically by deadline() and close(); the timer thread only reads it. */
    private volatile ScheduledFuture<?> deadlineTimer;
    /**
     * The member whose current scope this is, or null. A scope is only ever entered by one
     * thread (its opener, or its task's thread), so there is at most one; it sets and clears
     * this itself, under its member lock.
     */
    private volatile Member member;
    /** The most recently added child scope; pushed by compare-and-set (see the overview). */
    private volatile CancelScope firstChild;
    /**
     * The next older sibling in the parent's list: written before this scope is pushed, later
     * only by the parent's sweeper, to jump over detached siblings.
     */
    private volatile CancelScope nextSibling;
    /** Set once, when this scope has ended; its parent's sweeper then unlinks it. */
    private volatile boolean detached;
    /** Held (true) by the one thread sweeping this scope's children. */
    private volatile boolean sweeping;
    /**
     * Sweep heuristics: adds since the last sweep, and the live children it found. Adders may
     * race on the increment; a lost one only delays a sweep a little.
     */
    private int addsSinceSweep;
    private int liveAtSweep;
    /** Written by the owner on close; read by any thread for toString() and deadline(). */
    private volatile boolean closed;

    private CancelScope(CancelScope parent, boolean shield, Thread owner) {
        this.parent = parent;
        this.shield = shield;
        this.owner = owner;
    }

    // ---- opening -------------------------------------------------------------------------

    /**
     * Enters a new scope as a child of the calling thread's current scope; close it with
     * try-with-resources, on the same thread.
     */
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
     * @throws NullPointerException if the timeout is null
     */
    public static CancelScope open(Duration timeout) {
        return enterNew(false, checkTimeout(timeout));
    }

    /**
     * Runs {@code body} in a new scope and absorbs the scope's own cancellation: when the body is
     * cancelled because this scope (not an enclosing one) was cancelled, this returns normally
     * and {@link #cancelledCaught()} is true. The body's value is dropped; use {@link #call}
     * to keep it. A checked exception of the body is raised wrapped in a
     * {@link CompletionException}.
     */
    public static CancelScope run(ScopedRun body) {
        Objects.requireNonNull(body, "body must not be null");
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
        Objects.requireNonNull(body, "body must not be null");
        return enterNew(false, null).runInside(body);
    }

    /**
     * Runs {@code body} in a shielded scope and returns its value: cancellation of enclosing
     * scopes does not reach the body, which is how cleanup that must block (a teardown, a last
     * message) runs to its end inside a cancelled task.
     */
    public static <T> T shielded(ScopedCall<T> body) {
        Objects.requireNonNull(body, "body must not be null");
        return enterNew(true, null).runInside(body);
    }

    /**
     * Runs {@code body} with a deadline; if the deadline passes first, the body is cancelled,
     * that cancellation is absorbed and this returns normally. The returned scope tells whether
     * that happened ({@link #cancelledCaught()}).
     *
     * @throws IllegalArgumentException if the timeout is zero or negative
     * @throws NullPointerException if the timeout or the body is null
     */
    public static CancelScope moveOnAfter(Duration timeout, ScopedRun body) {
        checkTimeout(timeout);
        Objects.requireNonNull(body, "body must not be null");
        var scope = enterNew(false, timeout);
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
     *     cancelled and has ended); its cause is the absorbed {@link Cancelled}
     * @throws IllegalArgumentException if the timeout is zero or negative
     * @throws NullPointerException if the timeout or the body is null
     */
    public static <T> T failAfter(Duration timeout, ScopedCall<T> body) {
        checkTimeout(timeout);
        Objects.requireNonNull(body, "body must not be null");
        var scope = enterNew(false, timeout);
        T value = scope.runInside(body);
        if (scope.cancelledCaught && scope.deadlineReached()) {
            throw new DeadlineExceeded(timeout, scope.newCancelled());
        }
        return value;
    }

    private static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(
                    "a deadline needs a positive timeout, got " + timeout.toNanos() + " ns");
        }
        return timeout;
    }

    /** Opens a scope below the calling thread's current one and makes it current. */
    static CancelScope enterNew(boolean shield, Duration timeout) {
        var member = member();
        var enclosing = member.current;
        var scope = new CancelScope(enclosing, shield, member.thread);
        enclosing.addChild(scope);
        member.move(enclosing, scope);
        if (timeout != null) {
            scope.deadline(timeout);
        }
        return scope;
    }

    private <T> T runInside(ScopedCall<T> body) {
        try {
            return body.call(this);
        } catch (Throwable t) {
            if (cancellation != null && isCancellationSignal(t)) {
                cancelledCaught = true;
                return null;
            }
            var delivered = deliveredInside(t);
            if (delivered != t) {
                throw delivered instanceof Exception e && !(e instanceof RuntimeException)
                        ? new CompletionException(e)
                        : sneaky(delivered);
            }
            if (t instanceof InterruptedException e) {
                throw interrupted(e);
            }
            throw t instanceof Exception e && !(e instanceof RuntimeException)
                    ? new CompletionException(e)
                    : sneaky(t);
        } finally {
            close();
        }
    }

    @SuppressWarnings("unchecked")
    private static <X extends Throwable> RuntimeException sneaky(Throwable t) throws X {
        throw (X) t;
    }

    // ---- the calling thread's scope ------------------------------------------------------

    /** The calling thread's current (inner-most) scope; a thread outside any has a root scope. */
    public static CancelScope current() {
        return member().current;
    }

    /**
     * Raises {@link Cancelled} if the calling thread's current scope is effectively cancelled,
     * or if the thread was interrupted outside any cancellation (then the {@code Cancelled} has
     * no scope). Never blocks. The interrupt flag is left set in both cases.
     */
    public static void checkpoint() {
        var member = MEMBER.get();
        var cancelled = member == null ? null : member.current.cancelledFrom();
        if (cancelled != null) {
            member.seen = true;
            Thread.currentThread().interrupt();
            throw cancelled.newCancelled();
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new Cancelled(null, null, "the thread was interrupted", null);
        }
    }

    /**
     * Turns an {@link InterruptedException} caught from a JDK call into the exception the
     * toolkit raises for it: {@link Cancelled} of the effectively cancelled scope, or a bare
     * {@code Cancelled} for an interrupt that came from outside. The interrupt flag is set again
     * in both cases, and {@code e} is attached as suppressed.
     */
    public static Cancelled interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        var member = MEMBER.get();
        var cancelled = member == null ? null : member.current.cancelledFrom();
        Cancelled ex;
        if (cancelled == null) {
            ex = new Cancelled(null, null, "the thread was interrupted", null);
        } else {
            member.seen = true;
            ex = cancelled.newCancelled();
        }
        ex.addSuppressed(e);
        return ex;
    }

    // ---- state ---------------------------------------------------------------------------

    /**
     * Cancels this scope and everything nested in it (except shielded scopes). Idempotent; the
     * first cancellation's canceller, reason and cause are kept. Never blocks and never raises
     * in the calling thread: a thread that cancels its own scope sees {@link Cancelled} at its
     * next blocking call.
     */
    public void cancel() {
        cancel(null, "cancel() called", null);
    }

    /** Cancels (see {@link #cancel()}) with a reason that says who or what cancelled and why. */
    public void cancel(String reason) {
        cancel(null, reason, null);
    }

    /** Cancels (see {@link #cancel()}) with a reason and the failure that caused it. */
    public void cancel(String reason, Throwable cause) {
        cancel(null, reason, cause);
    }

    /**
     * Cancels (see {@link #cancel()}) and records who cancelled: {@code canceller} is any object
     * that identifies it (an actor id, a task name); it is reported by {@link #canceller()} and
     * {@link Cancelled#canceller()}.
     */
    public void cancel(Object canceller, String reason, Throwable cause) {
        cancelWith(new Cancellation(canceller, reason, cause, false));
    }

    private boolean cancelWith(Cancellation c) {
        if (!CANCELLATION.compareAndSet(this, (Cancellation) null, c)) {
            return false;
        }
        var timer = deadlineTimer;
        if (timer != null && !c.byDeadline()) {
            timer.cancel(false);
        }
        deliver();
        return true;
    }

    /** Interrupts every member of this subtree that is still effectively cancelled. */
    private void deliver() {
        var m = member;
        if (m != null) {
            m.interruptIfCancelled();
        }
        for (var child = firstChild; child != null; child = child.nextSibling) {
            if (!child.detached && !child.shield && child.cancellation == null) {
                child.deliver();
            }
        }
    }

    /**
     * Sets or moves the deadline to {@code timeout} from now; a deadline set earlier no longer
     * applies. Nothing happens on a scope that is already cancelled.
     *
     * @throws IllegalArgumentException if the timeout is zero or negative
     * @throws IllegalStateException if the scope is closed or is a thread's root scope
     */
    public void deadline(Duration timeout) {
        checkTimeout(timeout);
        if (parent == null) {
            throw new IllegalStateException("a thread's root scope cannot have a deadline: open a"
                    + " scope for it");
        }
        if (closed) {
            throw new IllegalStateException("cannot set a deadline on a closed scope: " + this);
        }
        if (cancellation != null) {
            return;
        }
        var reason = "deadline of " + describe(timeout) + " reached";
        ScheduledFuture<?> timer = TIMERS.schedule(
                () -> cancelWith(new Cancellation(null, reason, null, true)),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        var previous = (ScheduledFuture<?>) TIMER.getAndSet(this, timer);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    /** Whether this scope itself was cancelled (enclosing scopes are not consulted). */
    public boolean isCancelled() {
        return cancellation != null;
    }

    /** Whether code running in this scope would see a cancellation now (its own or inherited). */
    public boolean isEffectivelyCancelled() {
        return cancelledFrom() != null;
    }

    /** Whether a cancellation of this scope was absorbed when its body was left. */
    public boolean cancelledCaught() {
        return cancelledCaught;
    }

    /** Whether this scope was cancelled by its deadline (and not earlier by a call to cancel). */
    public boolean deadlineReached() {
        var c = cancellation;
        return c != null && c.byDeadline();
    }

    /** Whether this scope is shielded from enclosing cancellation. */
    public boolean isShielded() {
        return shield;
    }

    /** The reason given by the first cancellation, or null while not cancelled. */
    public String reason() {
        var c = cancellation;
        return c == null ? null : c.reason();
    }

    /** The failure that caused the cancellation, or null. */
    public Throwable cause() {
        var c = cancellation;
        return c == null ? null : c.cause();
    }

    /** Who cancelled, as given to {@link #cancel(Object, String, Throwable)}, or null. */
    public Object canceller() {
        var c = cancellation;
        return c == null ? null : c.canceller();
    }

    /**
     * Leaves a scope entered with {@link #open()}: the calling thread's current scope becomes
     * the enclosing one again, and its interrupt flag is cleared if it was set only by this
     * scope's cancellation. Idempotent.
     *
     * <p>Scopes the calling thread opened inside this one and has not closed yet are closed
     * first: leaving an outer scope leaves everything nested in it.
     *
     * @throws WrongThreadException if called by a thread other than the one that opened it
     * @throws IllegalStateException for a thread's root scope
     */
    @Override
    public void close() {
        if (parent == null) {
            throw new IllegalStateException("a thread's root scope cannot be closed");
        }
        if (owner != Thread.currentThread()) {
            throw new WrongThreadException("a cancel scope is closed by the thread that opened it"
                    + " (opener " + owner + ", caller " + Thread.currentThread() + ")");
        }
        if (closed) {
            return;
        }
        var member = MEMBER.get();
        if (member == null || !isAncestorOf(member.current)) {
            throw new IllegalStateException("closing " + this + ", which is not among the"
                    + " calling thread's open scopes (current: "
                    + (member == null ? "none" : member.current) + ")");
        }
        // Scopes this thread opened inside this one and left open end with it.
        while (member.current != this) {
            member.current.close();
        }
        closed = true;
        var timer = (ScheduledFuture<?>) TIMER.getAndSet(this, null);
        if (timer != null) {
            timer.cancel(false);
        }
        member.move(this, parent);
        parent.removeChild(this);
    }

    /** Whether {@code scope} is this scope or nested in it. */
    private boolean isAncestorOf(CancelScope scope) {
        for (var s = scope; s != null; s = s.parent) {
            if (s == this) {
                return true;
            }
        }
        return false;
    }

    // ---- internals shared with Nursery ---------------------------------------------------

    /** Creates a task scope below this one; its thread enters it with {@link #enterTask}. */
    CancelScope newTaskScope() {
        var child = new CancelScope(this, false, null);
        addChild(child);
        return child;
    }

    /** Detaches an ended (or never started) child scope from this one. */
    void removeChild(CancelScope child) {
        child.detached = true;
    }

    private void addChild(CancelScope child) {
        CancelScope first;
        do {
            first = firstChild;
            child.nextSibling = first;
        } while (!FIRST_CHILD.compareAndSet(this, first, child));
        if (++addsSinceSweep >= Math.max(SWEEP_MIN, liveAtSweep)) {
            sweep();
        }
    }

    /** Unlinks detached children; skipped when another thread is sweeping already. */
    private void sweep() {
        if (!SWEEPING.compareAndSet(this, false, true)) {
            return;
        }
        try {
            var first = firstChild;
            while (first != null && first.detached) {
                var next = first.nextSibling;
                first = FIRST_CHILD.compareAndSet(this, first, next) ? next : firstChild;
            }
            int live = 0;
            for (var child = first; child != null; child = child.nextSibling) {
                live++;
                var next = child.nextSibling;
                var kept = next;
                while (kept != null && kept.detached) {
                    kept = kept.nextSibling;
                }
                if (kept != next) {
                    child.nextSibling = kept;
                }
            }
            liveAtSweep = live;
            addsSinceSweep = 0;
        } finally {
            sweeping = false;
        }
    }

    /** The number of child scopes still linked (detached ones included); for tests. */
    int linkedChildren() {
        int n = 0;
        for (var child = firstChild; child != null; child = child.nextSibling) {
            n++;
        }
        return n;
    }

    /** Makes this task scope the current scope of the calling thread, a new task thread. */
    void enterTask() {
        var member = new Member(Thread.currentThread());
        MEMBER.set(member);
        member.enterTask(this);
    }

    /**
     * Ends the calling task thread's membership: no cancellation reaches it any more. Returns
     * whether a cancellation was delivered to or observed by the thread while it ran.
     */
    boolean leaveTask() {
        var member = MEMBER.get();
        member.leaveTask(this);
        MEMBER.remove();
        return member.seen;
    }

    /** The nearest cancelled scope that reaches this one, or null. */
    CancelScope cancelledFrom() {
        for (var scope = this; scope != null; scope = scope.parent) {
            if (scope.cancellation != null) {
                return scope;
            }
            if (scope.shield) {
                return null;
            }
        }
        return null;
    }

    /**
     * What {@code t}, an exception leaving a body or a task that runs in this scope (the calling
     * thread's current scope), stands for. When it is how the cancellation of a scope nested in
     * this one surfaced, and the thread has already left that scope (so the interrupt that
     * delivered it is spent), while this scope is not effectively cancelled: the failure that
     * caused that cancellation if it travels with {@code t} as suppressed (a context that was
     * left raised it), or else that scope's {@link Cancelled}, with {@code t} suppressed. In
     * every other case {@code t} itself. Never sets the interrupt flag.
     */
    Throwable deliveredInside(Throwable t) {
        var member = MEMBER.get();
        var left = member == null ? null : member.left;
        if (left == null || !isCancellationSignal(t) || cancelledFrom() != null
                || left == this || !isAncestorOf(left)) {
            return t;
        }
        member.left = null;
        var cause = left.cause();
        if (cause != null) {
            for (var s : t.getSuppressed()) {
                if (s == cause) {
                    return cause;
                }
            }
        }
        if (t instanceof Cancelled) {
            return t;
        }
        var ex = left.newCancelled();
        ex.addSuppressed(t);
        return ex;
    }

    /** A new exception for this scope's cancellation. */
    Cancelled newCancelled() {
        var c = cancellation;
        return c == null
                ? new Cancelled(this, null, "not cancelled", null)
                : new Cancelled(this, c.canceller(), c.reason(), c.cause());
    }

    /**
     * Whether {@code t} is how a cancellation surfaces in the calling thread: a {@link Cancelled}
     * or an exception that a JDK call raises when its thread is interrupted.
     */
    static boolean isCancellationSignal(Throwable t) {
        return t instanceof Cancelled
                || t instanceof InterruptedException
                || t instanceof InterruptedIOException
                || t instanceof ClosedByInterruptException
                || (t instanceof SocketException && Thread.currentThread().isInterrupted());
    }

    private static Member member() {
        var member = MEMBER.get();
        if (member == null) {
            member = new Member(Thread.currentThread());
            var root = new CancelScope(null, false, null);
            member.move(null, root);
            MEMBER.set(member);
        }
        return member;
    }

    private static String describe(Duration d) {
        return d.toNanos() % 1_000_000 == 0 ? d.toMillis() + " ms" : d.toNanos() + " ns";
    }

    private static ScheduledThreadPoolExecutor newTimers() {
        var timers = new ScheduledThreadPoolExecutor(1, r -> {
            var thread = new Thread(r, "jtractor-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    @Override
    public String toString() {
        var c = cancellation;
        return "CancelScope@" + Integer.toHexString(System.identityHashCode(this))
                + "[" + (parent == null ? "root, " : "")
                + (c == null ? "active" : "cancelled: " + c.reason())
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

    /** Who cancelled a scope, why, and whether it was its deadline. */
    private record Cancellation(
            Object canceller, String reason, Throwable cause, boolean byDeadline) {
    }

    /**
     * A thread's membership in the scope tree, and the lock that guards it. {@code current} is
     * written only by the thread itself, always under the lock; cancellers read it under the
     * same lock before they interrupt the thread. {@code seen} is set by whichever thread
     * delivers a cancellation to this thread (an interrupt) or raises one in it (checkpoint,
     * interrupted); merely entering a cancelled region does not set it, since the thread has not
     * been told yet.
     */
    private static final class Member extends ReentrantLock {
        final Thread thread;
        CancelScope current;
        volatile boolean seen;
        /**
         * The cancelled scope whose region this thread left last, since it last entered a new
         * scope; read and cleared by the boundary an exception crosses next (deliveredInside).
         * Written and read only by the thread itself.
         */
        CancelScope left;

        Member(Thread thread) {
            this.thread = thread;
        }

        /**
         * Moves the calling thread (this member's) from {@code from} to {@code to}, either of
         * which may be null, and makes its interrupt flag match the cancellation state it enters.
         */
        void move(CancelScope from, CancelScope to) {
            lock();
            try {
                if (from != null) {
                    from.member = null;
                }
                if (to != null) {
                    to.member = this;
                }
                current = to;
                boolean wasCancelled = from != null && from.cancelledFrom() != null;
                boolean isCancelled = to != null && to.cancelledFrom() != null;
                if (isCancelled) {
                    thread.interrupt();
                } else if (wasCancelled) {
                    Thread.interrupted();
                }
                if (to != null && to.parent == from) {
                    left = null;
                } else if (wasCancelled && !isCancelled) {
                    left = from.cancelledFrom();
                }
            } finally {
                unlock();
            }
        }

        /**
         * A new task thread enters its task scope. No lock: a canceller that interrupts the
         * thread meanwhile only does what the thread would do itself, since it enters a
         * cancelled region. {@code current} is written before {@code to.member} publishes it.
         */
        void enterTask(CancelScope to) {
            current = to;
            to.member = this;
            if (to.cancelledFrom() != null) {
                thread.interrupt();
            }
        }

        /**
         * A task thread leaves its task scope for good, its body done. No lock: an interrupt
         * from a canceller that raced with this reaches a thread that runs no user code any
         * more, and is harmless there.
         */
        void leaveTask(CancelScope from) {
            from.member = null;
            current = null;
            if (from.cancelledFrom() != null) {
                Thread.interrupted();
            }
        }

        /** Called by a canceller: interrupts the thread if it is still in a cancelled region. */
        void interruptIfCancelled() {
            lock();
            try {
                if (current != null && current.cancelledFrom() != null) {
                    seen = true;
                    thread.interrupt();
                }
            } finally {
                unlock();
            }
        }
    }
}
