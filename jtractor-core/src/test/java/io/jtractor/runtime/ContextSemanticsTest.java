package io.jtractor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.ActorNursery;
import io.jtractor.Context;
import io.jtractor.ContextCancelled;
import io.jtractor.Portal;
import io.jtractor.RemoteActorException;
import io.jtractor.SpawnOptions;
import io.jtractor.sc.CancelScope;
import io.jtractor.sc.Cancelled;
import io.jtractor.sc.Channel;
import io.jtractor.sc.EndOfChannel;
import io.jtractor.sc.Nursery;
import io.jtractor.testing.NoZombies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The context dialog, rule by rule (SPEC C1-C13, S1-S5), against one real child actor. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class ContextSemanticsTest {

    private ActorNursery actors;
    private Portal child;

    @BeforeAll
    void spawnChild() {
        actors = ActorNursery.open();
        child = actors.startActor("ctx-child", SpawnOptions.exposing(Endpoints.class));
    }

    @AfterAll
    void closeNursery() {
        actors.close();
        NoZombies.assertNoDescendants(Duration.ofSeconds(10));
    }

    @Test
    void openContextReturnsOnceTheChildStartedWithItsValue() {
        try (var ctx = child.openContext(Endpoints::pingPong, 10)) {
            assertThat(ctx.first(Integer.class)).isEqualTo(11);
            assertThat(ctx.side()).isEqualTo(Context.Side.PARENT);
            assertThat(ctx.peer()).isEqualTo(child.actor());
            try (var stream = ctx.openStream(String.class)) {
                for (int i = 0; i < 10; i++) {
                    stream.send("ping");
                    assertThat(stream.receive()).isEqualTo("pong");
                }
            }
            assertThat(ctx.result(String.class)).isEqualTo("served 10");
            assertThat(ctx.isDone()).isTrue();
        }
    }

    @Test
    void startedTwiceIsAnIllegalStateInTheChild() {
        assertThatThrownBy(() -> {
            try (var ctx = child.openContext(Endpoints::startedTwice)) {
                ctx.result();
            }
        }).isInstanceOfSatisfying(RemoteActorException.class, e -> {
            assertThat(e.boxes(IllegalStateException.class)).isTrue();
            assertThat(e.remoteMessage()).contains("already called");
        });
    }

    @Test
    void streamBeforeStartedIsAnIllegalStateThatEndsTheParentsWait() {
        assertThatThrownBy(() -> child.openContext(Endpoints::streamBeforeStarted))
                .isInstanceOfSatisfying(RemoteActorException.class, e -> {
                    assertThat(e.boxes(IllegalStateException.class)).isTrue();
                    assertThat(e.remoteMessage()).contains("started()");
                });
    }

    @Test
    void startedOnTheParentSideIsAnError() {
        try (var ctx = child.openContext(Endpoints::quickReturn)) {
            assertThatThrownBy(() -> ctx.started("x")).isInstanceOf(IllegalStateException.class);
            assertThat(ctx.result()).isEqualTo("quick");
        }
    }

    @Test
    void childFailingBeforeStartedRaisesFromOpenContext() {
        assertThatThrownBy(() -> child.openContext(Endpoints::failBeforeStarted, "early"))
                .isInstanceOfSatisfying(RemoteActorException.class, e -> {
                    assertThat(e.remoteMessage()).isEqualTo("early");
                    assertThat(e.source()).isEqualTo(child.actor());
                });
    }

    @Test
    void childReturningWithoutStartedIsReportedNotAHang() {
        assertThatThrownBy(() -> child.openContext(Endpoints::returnWithoutStarted))
                .isInstanceOfSatisfying(RemoteActorException.class,
                        e -> assertThat(e.remoteMessage()).contains("without calling"));
    }

    @Test
    void resultWaitsForTheReturnAndDiscardsStreamMessagesInFlight() {
        try (var ctx = child.openContext(Endpoints::sendThenReturn, 500)) {
            assertThat(ctx.result(String.class)).isEqualTo("done");
        }
    }

    @Test
    void leavingTheScopeWithoutResultCancelsTheChildAndAbsorbsIt() {
        var key = "leave-" + System.nanoTime();
        try (var ctx = child.openContext(Endpoints::sleepForever, key)) {
            assertThat(ctx.isDone()).isFalse();
        }
        assertThat(child.run(Endpoints::event, key)).isEqualTo("cancelled");
    }

    @Test
    void cancelIsAcknowledgedAbsorbedAndDoesNotCancelTheCaller() {
        var key = "cancel-" + System.nanoTime();
        try (var ctx = child.openContext(Endpoints::sleepForever, key)) {
            ctx.cancel();
            assertThat(ctx.isCancelCalled()).isTrue();
            assertThat(ctx.isCancelAcknowledged()).isTrue();
            assertThat(CancelScope.current().isEffectivelyCancelled()).isFalse();
            assertThat(ctx.result()).isInstanceOf(ContextCancelled.class);
            assertThat(ctx.canceller()).contains(io.jtractor.Actor.id());
            assertThatThrownBy(ctx::openStream).isInstanceOf(IllegalStateException.class);
        }
        assertThat(child.run(Endpoints::event, key)).isEqualTo("cancelled");
    }

    @Test
    void childErrorFailsTheParentsBlockedReceive() {
        var raised = new AtomicReference<Throwable>();
        assertThatThrownBy(() -> {
            try (var ctx = child.openContext(Endpoints::failOnFirstMessage)) {
                try (var stream = ctx.openStream()) {
                    stream.send("late");
                    try {
                        stream.receive();
                    } catch (RuntimeException e) {
                        raised.set(e);
                        throw e;
                    }
                }
            }
        }).isInstanceOfSatisfying(RemoteActorException.class,
                e -> assertThat(e.remoteMessage()).isEqualTo("got late"));
        assertThat(raised.get()).isInstanceOf(RemoteActorException.class);
    }

    /**
     * The child fails inside its stream's try-with-resources: the parent's next receive must
     * raise the child's error, not a graceful end of stream that would hide it.
     */
    @Test
    void childFailingInsideItsStreamScopeFailsTheParentsReceiveNotEndsIt() {
        assertThatThrownBy(() -> {
            try (var ctx = child.openContext(Endpoints::failAfterEchoing, 3);
                    var stream = ctx.openStream(String.class)) {
                for (int i = 0; i < 10; i++) {
                    stream.send("m" + i);
                    stream.receive();
                }
            }
        }).isInstanceOfSatisfying(RemoteActorException.class, e -> {
            assertThat(e.remoteMessage()).isEqualTo("failed on message m2");
            assertThat(e.getStackTrace()).anySatisfy(frame -> assertThat(frame.getClassName())
                    .isEqualTo(ContextSemanticsTest.class.getName()));
        });
    }

    @Test
    void childErrorAfterItsStreamClosedIsRaisedByTheScope() {
        var received = new ArrayList<Object>();
        assertThatThrownBy(() -> {
            try (var ctx = child.openContext(Endpoints::failWhileStreaming, 3)) {
                try (var stream = ctx.openStream(Integer.class)) {
                    for (int i = 0; i < 3; i++) {
                        stream.send(i);
                    }
                    stream.forEach(received::add);
                }
            }
        }).isInstanceOfSatisfying(RemoteActorException.class, e -> {
            assertThat(e.boxes(IllegalArgumentException.class)).isTrue();
            assertThat(e.remoteMessage()).isEqualTo("failed after 3 messages");
        });
        assertThat(received).isEmpty();
    }

    @Test
    void childErrorCancelsAParentTaskBlockedElsewhereInTheScope() {
        var blocked = new AtomicReference<Throwable>();
        assertThatThrownBy(() -> {
            try (var ctx = child.openContext(Endpoints::failWhileStreaming, 1)) {
                var never = Channel.<String>open(1);
                try (var stream = ctx.openStream(Integer.class)) {
                    stream.send(1);
                    try {
                        never.receiver().receive();
                    } catch (Cancelled c) {
                        blocked.set(c);
                        throw c;
                    }
                }
            }
        }).isInstanceOf(Cancelled.class);
        assertThat(blocked.get()).isInstanceOf(Cancelled.class)
                .hasCauseInstanceOf(RemoteActorException.class);
    }

    @Test
    void parentErrorInsideTheScopeCancelsTheChildAndPropagates() {
        var key = "parent-error-" + System.nanoTime();
        assertThatThrownBy(() -> {
            try (var ctx = child.openContext(Endpoints::sleepForever, key)) {
                throw new ArithmeticException("parent failed");
            }
        }).isInstanceOf(ArithmeticException.class).hasMessage("parent failed")
                .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());
        assertThat(child.run(Endpoints::event, key)).isEqualTo("cancelled");
    }

    @Test
    void selfCancelRaisesContextCancelledNamingTheChild() {
        var key = "self-" + System.nanoTime();
        assertThatThrownBy(() -> child.openContext(Endpoints::cancelSelf, key))
                .isInstanceOfSatisfying(ContextCancelled.class,
                        e -> assertThat(e.canceller()).isEqualTo(child.actor()));
        assertThat(child.run(Endpoints::event, key)).isEqualTo("stream refused");
        assertThat(child.run(Endpoints::event, key + ".checkpoint")).isEqualTo("cancelled");
    }

    @Test
    void lateCancelAfterTheChildReturnedChangesNothing() {
        try (var ctx = child.openContext(Endpoints::quickReturn)) {
            assertThat(ctx.result(String.class)).isEqualTo("quick");
            ctx.cancel();
            assertThat(ctx.result(String.class)).isEqualTo("quick");
        }
    }

    @Test
    void childFailureDuringCancellationIsNotMaskedByTheCancel() {
        assertThatThrownBy(() -> {
            try (var ctx = child.openContext(Endpoints::failDuringCleanup)) {
                ctx.cancel();
                ctx.result();
            }
        }).isInstanceOfSatisfying(RemoteActorException.class, e -> {
            assertThat(e).isNotInstanceOf(ContextCancelled.class);
            assertThat(e.remoteMessage()).isEqualTo("cleanup failed");
        });
    }

    @Test
    void streamsAreOneShot() {
        assertThatThrownBy(() -> {
            try (var ctx = child.openContext(Endpoints::twoStreams)) {
                ctx.result();
            }
        }).isInstanceOfSatisfying(RemoteActorException.class,
                e -> assertThat(e.remoteMessage()).contains("one-shot"));
        try (var ctx = child.openContext(Endpoints::echo)) {
            try (var stream = ctx.openStream()) {
                assertThatThrownBy(ctx::openStream).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @Test
    void endOfChannelKeepsBeingRaisedAfterThePeerStopped() {
        try (var ctx = child.openContext(Endpoints::sendThenReturn, 3)) {
            try (var stream = ctx.openStream(Integer.class)) {
                var got = new ArrayList<Integer>();
                for (var v : stream) {
                    got.add(v);
                }
                assertThat(got).containsExactly(0, 1, 2);
                assertThatThrownBy(stream::receive).isInstanceOf(EndOfChannel.class);
                assertThatThrownBy(stream::receive).isInstanceOf(EndOfChannel.class);
            }
            assertThat(ctx.result()).isEqualTo("done");
        }
    }

    @Test
    void echoKeepsOrderWithManyMessagesInFlight() {
        try (var ctx = child.openContext(Endpoints::echo)) {
            try (var stream = ctx.openStream(Integer.class)) {
                Nursery.run(n -> {
                    n.startSoon(() -> {
                        for (int i = 0; i < 5_000; i++) {
                            stream.send(i);
                        }
                    });
                    for (int i = 0; i < 5_000; i++) {
                        assertThat(stream.receive()).isEqualTo(i);
                    }
                    return null;
                });
            }
            ctx.result();
        }
    }

    @Test
    void cancellingTheCallerOfRunCancelsTheRemoteTask() {
        var key = "rpc-" + System.nanoTime();
        var scope = CancelScope.moveOnAfter(Duration.ofMillis(300),
                s -> child.run(Endpoints::sleepForeverPlain, key));
        assertThat(scope.cancelledCaught()).isTrue();
        assertThat(child.run(Endpoints::event, key)).isEqualTo("cancelled");
    }

    @Test
    void twoConsumersOfOneStreamingEndpointEachGetEveryElement() {
        try (var a = child.<Integer, Integer>openStreamFrom(Endpoints::count, 50);
                var b = child.<Integer, Integer>openStreamFrom(Endpoints::count, 50)) {
            var fromA = new ArrayList<Integer>();
            var fromB = new ArrayList<Integer>();
            a.forEach(fromA::add);
            b.forEach(fromB::add);
            assertThat(fromA).hasSize(50).isEqualTo(fromB);
        }
    }

    @Test
    void closingAOneWayStreamEarlyCancelsTheProducer() {
        var key = "producer-" + System.nanoTime();
        try (var stream = child.<Integer, String>openStreamFrom(Endpoints::countForever, key)) {
            assertThat(stream.receive()).isEqualTo(0);
            assertThat(stream.receive()).isEqualTo(1);
        }
        assertThat(child.run(Endpoints::event, key)).isEqualTo("closed");
    }

    @Test
    void cancellingTheChildsActorRaisesContextCancelledInTheParent() {
        try (var inner = ActorNursery.open()) {
            var victim = inner.startActor("victim", SpawnOptions.exposing(Endpoints.class));
            assertThatThrownBy(() -> {
                try (var ctx = victim.openContext(Endpoints::sleepForever, "victim")) {
                    assertThat(victim.cancelActor()).isTrue();
                    ctx.result();
                }
            }).isInstanceOfSatisfying(ContextCancelled.class,
                    e -> assertThat(e.canceller()).isEqualTo(io.jtractor.Actor.id()));
        }
    }
}
