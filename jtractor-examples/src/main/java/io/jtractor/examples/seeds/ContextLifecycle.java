package io.jtractor.examples.seeds;

import io.jtractor.Context;
import io.jtractor.ContextCancelled;
import io.jtractor.sc.CancelScope;
import io.jtractor.sc.Cancelled;
import io.jtractor.sc.DeadlineExceeded;
import io.jtractor.sc.Tasks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Children that exercise the edges of a context's life: cancelling themselves, closing at once,
 * breaking the started-before-stream rule, waiting to be cancelled, sleeping forever.
 *
 * <p>The state the reference endpoints keep in module globals lives in static fields here; the
 * plain endpoints {@link #selfCancelSteps()} and {@link #isEchoing()} let a parent read it.
 */
public final class ContextLifecycle {

    /** How long {@link #cancelSelf} gives its checkpoint before calling the test a failure. */
    private static final Duration CHECKPOINT_DEADLINE = Duration.ofMillis(100);

    private static final List<String> selfCancelSteps = new CopyOnWriteArrayList<>();
    private static volatile boolean echoing;

    private ContextLifecycle() {
    }

    /**
     * What {@link #cancelSelf} observed, in order.
     *
     * @param steps {@code entered}, then {@code stream refused}, then {@code checkpoint cancelled}
     */
    public record SelfCancelSteps(List<String> steps) {
    }

    /**
     * Seed #3: cancels itself before calling started(); opening a stream must then raise
     * {@link ContextCancelled}, and the next blocking call must raise {@link Cancelled} (not the
     * 100 ms deadline of its own scope). The parent receives a {@code ContextCancelled} naming
     * this actor.
     */
    public static void cancelSelf(Context ctx) {
        selfCancelSteps.clear();
        selfCancelSteps.add("entered");
        ctx.cancel();
        try {
            ctx.openStream().close();
            throw new IllegalStateException("context " + ctx.contextId()
                    + " did not cancel itself: its stream opened");
        } catch (ContextCancelled refused) {
            selfCancelSteps.add("stream refused");
        }
        try {
            CancelScope.failAfter(CHECKPOINT_DEADLINE, scope -> parkUntilCancelled());
        } catch (Cancelled expected) {
            selfCancelSteps.add("checkpoint cancelled");
            throw expected;
        } catch (DeadlineExceeded wrong) {
            throw new AssertionError("the checkpoint after ctx.cancel() ran into its own "
                    + CHECKPOINT_DEADLINE.toMillis() + " ms deadline instead of being cancelled",
                    wrong);
        }
    }

    private static Void parkUntilCancelled() {
        Tasks.sleepForever();
        return null;
    }

    /** Seed #3: what {@link #cancelSelf} observed in this actor. */
    public static SelfCancelSteps selfCancelSteps() {
        return new SelfCancelSteps(List.copyOf(selfCancelSteps));
    }

    /** Seed #11: calls started(), opens its stream and closes it at once, then returns. */
    public static void closeCtxImmediately(Context ctx) {
        ctx.started();
        ctx.openStream().close();
    }

    /** Seed #12: opens its stream without calling started(), which must raise. */
    public static void notStartedButStreamOpened(Context ctx) {
        var stream = ctx.openStream();
        stream.close();
        throw new AssertionError("context " + ctx.contextId()
                + " opened a stream before calling started()");
    }

    /**
     * Seed #19: an echo server that expects to be cancelled: it clears the {@link #isEchoing()}
     * flag when cancelled and fails if its stream ever ends otherwise.
     */
    public static void expectCancelled(Context ctx) {
        echoing = true;
        ctx.started();
        try (var stream = ctx.openStream()) {
            for (Object msg : stream) {
                stream.send(msg);
            }
        } catch (Cancelled expected) {
            echoing = false;
            throw expected;
        }
        throw new AssertionError("context " + ctx.contextId() + " was not cancelled");
    }

    /** Seed #19: whether {@link #expectCancelled} has started and not yet been cancelled. */
    public static boolean isEchoing() {
        return echoing;
    }

    /** Seed #24: calls started(), opens its stream and sleeps until cancelled. */
    @SuppressWarnings("try")
    public static void sleepForever(Context ctx) {
        ctx.started();
        try (var heldOpen = ctx.openStream()) {
            Tasks.sleepForever();
        }
    }
}
