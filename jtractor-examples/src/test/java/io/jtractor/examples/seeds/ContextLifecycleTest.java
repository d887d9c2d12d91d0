package io.jtractor.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jtractor.Actor;
import io.jtractor.ActorNursery;
import io.jtractor.Context;
import io.jtractor.ContextCancelled;
import io.jtractor.MsgStream;
import io.jtractor.Portal;
import io.jtractor.RemoteActorException;
import io.jtractor.SpawnOptions;
import io.jtractor.sc.CancelScope;
import io.jtractor.sc.DeadlineExceeded;
import io.jtractor.sc.EndOfChannel;
import io.jtractor.sc.Nursery;
import io.jtractor.testing.NoZombies;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seeds #3, #11, #12, #19, #24: the edges of a context's life, each observed from the parent of
 * a real child.
 */
@ExtendWith(NoZombies.class)
@Timeout(60)
class ContextLifecycleTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void calleeThatCancelsItselfRaisesContextCancelledNamingItself() {
        try (var actors = ActorNursery.open()) {
            var child = startChild(actors);

            assertThatThrownBy(() -> child.openContext(ContextLifecycle::cancelSelf))
                    .isInstanceOfSatisfying(ContextCancelled.class,
                            e -> assertThat(e.canceller()).isEqualTo(child.actor()));
            assertThat(child.run(ContextLifecycle::selfCancelSteps).steps())
                    .containsExactly("entered", "stream refused", "checkpoint cancelled");
        }
    }

    @Test
    void calleeThatClosesItsStreamAtOnceEndsTheParentsIteration() {
        try (var actors = ActorNursery.open()) {
            var child = startChild(actors);

            try (var ctx = child.openContext(ContextLifecycle::closeCtxImmediately)) {
                assertThat(ctx.first()).isNull();
                try (var stream = ctx.openStream()) {
                    CancelScope.failAfter(BOUND, scope -> {
                        assertThat(stream).isEmpty();
                        return null;
                    });
                    assertThatThrownBy(stream::receive).isInstanceOf(EndOfChannel.class);
                }
                assertThatThrownBy(ctx::openStream).isInstanceOf(IllegalStateException.class);
                assertThat(ctx.result()).isNull();
            }
        }
    }

    @Test
    void streamOpenedBeforeStartedFailsInTheChildAndReachesTheParent() {
        try (var actors = ActorNursery.open()) {
            var child = startChild(actors);

            assertThatThrownBy(() -> child.openContext(ContextLifecycle::notStartedButStreamOpened))
                    .isInstanceOfSatisfying(RemoteActorException.class, e -> {
                        assertThat(e.boxes(IllegalStateException.class)).isTrue();
                        assertThat(e.remoteMessage()).contains("started()");
                        assertThat(e.source()).isEqualTo(child.actor());
                    });
        }
    }

    @Test
    void parentCancelEndsTheWaitingEchoServerAndIsAbsorbed() {
        try (var actors = ActorNursery.open()) {
            var child = startChild(actors);

            try (var ctx = child.openContext(ContextLifecycle::expectCancelled)) {
                assertThat(child.run(ContextLifecycle::isEchoing)).isTrue();
                assertThat(ctx.first()).isNull();
                ctx.cancel();
                assertThatThrownBy(ctx::openStream).isInstanceOf(IllegalStateException.class);
                assertThat(child.run(ContextLifecycle::isEchoing)).isFalse();
                assertThat(ctx.result()).isInstanceOfSatisfying(ContextCancelled.class,
                        e -> assertThat(e.canceller()).isEqualTo(Actor.id()));
            }

            try (var ctx = child.openContext(ContextLifecycle::expectCancelled)) {
                assertThatThrownBy(() -> CancelScope.failAfter(Duration.ofMillis(200),
                        scope -> ctx.result())).isInstanceOf(DeadlineExceeded.class);
                ctx.cancel();
                assertThat(ctx.isCancelAcknowledged()).isTrue();
            }
            assertThat(child.run(ContextLifecycle::isEchoing))
                    .as("the connection outlives its contexts").isFalse();
        }
    }

    @Test
    void cancelFromAnotherParentTaskEndsTheStreamAndIsAbsorbed() {
        try (var actors = ActorNursery.open()) {
            var child = startChild(actors);

            try (var ctx = child.openContext(ContextLifecycle::expectCancelled);
                    var stream = ctx.openStream(String.class)) {
                var echoes = new AtomicInteger();
                Nursery.run(tasks -> {
                    tasks.startSoon("send-then-cancel", () -> {
                        stream.send("yo");
                        assertThat(child.run(ContextLifecycle::isEchoing)).isTrue();
                        ctx.cancel();
                        assertThat(child.run(ContextLifecycle::isEchoing)).isFalse();
                    });
                    var ended = catchThrowable(() -> {
                        for (String msg : stream) {
                            assertThat(msg).isEqualTo("yo");
                            echoes.incrementAndGet();
                        }
                    });
                    if (ended != null) {
                        assertThat(ended).isInstanceOfSatisfying(ContextCancelled.class,
                                e -> assertThat(e.canceller()).isEqualTo(Actor.id()));
                    }
                    return null;
                });
                assertThat(echoes.get()).isLessThanOrEqualTo(1);
                assertThat(ctx.result()).isInstanceOf(ContextCancelled.class);
            }
            assertThat(child.run(ContextLifecycle::isEchoing)).isFalse();
        }
    }

    @Test
    void sleepingCalleeEndsOnContextCancelOrActorCancel() {
        try (var actors = ActorNursery.open()) {
            var child = startChild(actors);

            try (var ctx = child.openContext(ContextLifecycle::sleepForever)) {
                try (var stream = ctx.openStream()) {
                    var wait = CancelScope.moveOnAfter(Duration.ofMillis(100),
                            scope -> stream.receive());
                    assertThat(wait.cancelledCaught()).as("nothing arrives").isTrue();
                }
                ctx.cancel();
                assertThat(ctx.result()).isInstanceOf(ContextCancelled.class);
            }

            var outcome = whileTheActorIsCancelled(child, ctx -> {
                try (var stream = ctx.openStream()) {
                    expectNothingUntilTheEnd(stream);
                }
                ctx.result();
            });
            assertThat(outcome).as("the result of a context whose actor was cancelled")
                    .isInstanceOfSatisfying(ContextCancelled.class,
                            e -> assertThat(e.canceller()).isEqualTo(Actor.id()));
        }
    }

    @Test
    void leavingTheScopeOfAContextWhoseActorWasCancelledRaisesContextCancelled() {
        try (var actors = ActorNursery.open()) {
            var child = startChild(actors);

            var outcome = whileTheActorIsCancelled(child, ctx -> {
                try (var stream = ctx.openStream()) {
                    expectNothingUntilTheEnd(stream);
                }
            });
            assertThat(outcome)
                    .as("a whole-actor cancel is not the context's own: its scope raises it")
                    .isInstanceOfSatisfying(ContextCancelled.class,
                            e -> assertThat(e.canceller()).isEqualTo(Actor.id()));
        }
    }

    /** A dialog with a {@code sleepForever} child, run in a task of the test. */
    @FunctionalInterface
    private interface SleeperDialog {
        void run(Context ctx) throws Exception;
    }

    /**
     * Opens a {@code sleepForever} context in a task, cancels the child's whole actor once the
     * context is open, and returns what left the task's context scope (null if nothing did).
     */
    private static Throwable whileTheActorIsCancelled(Portal child, SleeperDialog dialog) {
        var opened = new CountDownLatch(1);
        var outcome = new AtomicReference<Throwable>();
        Nursery.run(tasks -> {
            tasks.startSoon("sleeper-client", () -> outcome.set(catchThrowable(() -> {
                try (var ctx = child.openContext(ContextLifecycle::sleepForever)) {
                    opened.countDown();
                    dialog.run(ctx);
                }
            })));
            boolean acknowledged = CancelScope.failAfter(BOUND, scope -> {
                opened.await();
                return child.cancelActor();
            });
            assertThat(acknowledged).as("cancel acknowledged").isTrue();
            return null;
        });
        return outcome.get();
    }

    /** Iterates the stream, which must end (or fail) without delivering anything. */
    private static void expectNothingUntilTheEnd(MsgStream<Object> stream) {
        for (Object msg : stream) {
            throw new AssertionError("the sleeper sent " + msg);
        }
    }

    private static Portal startChild(ActorNursery actors) {
        return actors.startActor("ctx_lifecycle", SpawnOptions.exposing(ContextLifecycle.class));
    }
}
