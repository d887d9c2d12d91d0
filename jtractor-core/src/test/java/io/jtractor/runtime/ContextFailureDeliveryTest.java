package io.jtractor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.ActorNursery;
import io.jtractor.Portal;
import io.jtractor.RemoteActorException;
import io.jtractor.SpawnOptions;
import io.jtractor.StreamOptions;
import io.jtractor.StreamOverrun;
import io.jtractor.sc.CancelScope;
import io.jtractor.sc.Nursery;
import io.jtractor.sc.Tasks;
import io.jtractor.testing.NoZombies;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A child that fails while the parent waits in a plain JDK call inside the context's scope: the
 * remote error cancels the scope, the interrupt wakes the parent, and the boundary that the
 * parent's exception crosses next reports the remote error; the interrupt never outlives the
 * context's scope.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class ContextFailureDeliveryTest {

    private ActorNursery actors;
    private Portal child;

    @BeforeAll
    void spawnChild() {
        actors = ActorNursery.open();
        child = actors.startActor("delivery-child",
                SpawnOptions.exposing(Endpoints.class, FlowEndpoints.class));
    }

    @AfterAll
    void closeNursery() {
        actors.close();
        NoZombies.assertNoDescendants(Duration.ofSeconds(10));
    }

    @AfterEach
    void theThreadIsNotLeftInterruptedAndTheNextCallWorks() {
        assertThat(Thread.interrupted()).as("interrupt flag left set").isFalse();
        assertThat(child.run(Endpoints::add, 2, 3)).isEqualTo(5);
    }

    /** Opens a context whose child fails on the first message, then sleeps until woken. */
    private Void failWhileSleeping() throws InterruptedException {
        try (var ctx = child.openContext(Endpoints::failOnFirstMessage)) {
            ctx.first();
            ctx.openStream(String.class).send("go");
            Thread.sleep(Duration.ofSeconds(50));
            return null;
        }
    }

    private static void assertIsTheChildsFailure(Throwable e) {
        assertThat(e).isInstanceOfSatisfying(RemoteActorException.class, r -> {
            assertThat(r.boxes(IllegalStateException.class)).isTrue();
            assertThat(r.remoteMessage()).isEqualTo("got go");
        });
    }

    @Test
    void failAfterRaisesTheRemoteErrorNotACancellation() {
        assertThatThrownBy(() -> CancelScope.failAfter(Duration.ofSeconds(40),
                s -> failWhileSleeping()))
                .satisfies(ContextFailureDeliveryTest::assertIsTheChildsFailure);
    }

    @Test
    void moveOnAfterRaisesTheRemoteErrorNotACancellation() {
        assertThatThrownBy(() -> CancelScope.moveOnAfter(Duration.ofSeconds(40),
                s -> failWhileSleeping()))
                .satisfies(ContextFailureDeliveryTest::assertIsTheChildsFailure);
    }

    @Test
    void aNurseryTaskFailsWithTheRemoteError() {
        assertThatThrownBy(() -> Nursery.run(n -> {
            n.startSoon(this::failWhileSleeping);
            return null;
        })).satisfies(ContextFailureDeliveryTest::assertIsTheChildsFailure);
    }

    @Test
    void aNurseryBodyFailsWithTheRemoteError() {
        assertThatThrownBy(() -> Nursery.run(n -> failWhileSleeping()))
                .satisfies(ContextFailureDeliveryTest::assertIsTheChildsFailure);
    }

    @Test
    void aStreamOverrunRelayedByTheChildIsRaisedByFailAfter() {
        var options = StreamOptions.defaults().withMsgBufferSize(4).withOverrunPolicy();
        assertThatThrownBy(() -> CancelScope.failAfter(Duration.ofSeconds(40), s -> {
            try (var ctx = child.withStreamOptions(options)
                    .openContext(FlowEndpoints::flood, 50, "flood-" + System.nanoTime())) {
                try (var stream = ctx.openStream()) {
                    Tasks.sleepForever();
                }
            }
            return null;
        })).isInstanceOfSatisfying(StreamOverrun.class,
                e -> assertThat(e.sender()).isEqualTo(child.actor()));
    }

    @Test
    void onAPlainThreadTheWokenCallsExceptionCarriesTheRemoteError() {
        // Java keeps the body's exception primary in try-with-resources: the context's close
        // can only attach the remote error to it.
        assertThatThrownBy(this::failWhileSleeping)
                .isInstanceOf(InterruptedException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(ContextFailureDeliveryTest::assertIsTheChildsFailure));
    }
}
