package io.jtractor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jtractor.ActorNursery;
import io.jtractor.ContextCancelled;
import io.jtractor.MsgStream;
import io.jtractor.Portal;
import io.jtractor.RemoteActorException;
import io.jtractor.SpawnOptions;
import io.jtractor.TransportClosed;
import io.jtractor.testing.NoZombies;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Failures of a child's task that are hard to report (SPEC E1): an error whose boxing runs out
 * of memory, cannot read the error or would be over the frame limit; an endpoint that exits
 * the JVM; a cancel that interrupts a socket read. One real child with a small heap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(90)
class ChildFailureTest {

    /** Printing the trace of a message this long needs more than the child's heap. */
    private static final int CHARS_BEYOND_THE_HEAP = 30_000_000;

    private ActorNursery actors;
    private Portal child;

    @BeforeAll
    void spawnChild() {
        actors = ActorNursery.open();
        child = actors.startActor("small-heap", SpawnOptions.exposing(FailureEndpoints.class)
                .withJvmOptions("-Xmx128m"));
    }

    @AfterAll
    void closeNursery() {
        actors.close();
        NoZombies.assertNoDescendants(Duration.ofSeconds(10));
    }

    @AfterEach
    void childStillServes() {
        assertThat(child.run(FailureEndpoints::echo, 7)).isEqualTo(7);
        var items = new ArrayList<Integer>();
        try (MsgStream<Integer> stream = child.openStreamFrom(FailureEndpoints::count, 3)) {
            stream.forEach(items::add);
        }
        assertThat(items).containsExactly(0, 1, 2);
    }

    @Test
    void anErrorWhoseBoxingRunsOutOfMemoryStillReachesTheParent() {
        assertThatThrownBy(() -> child.run(FailureEndpoints::failWithMessageOf,
                CHARS_BEYOND_THE_HEAP))
                .isInstanceOfSatisfying(RemoteActorException.class, e -> {
                    assertThat(e.boxedTypeName()).isEqualTo(IllegalStateException.class.getName());
                    assertThat(e.remoteMessage()).startsWith("xxxxxxxxxx")
                            .contains("boxing the error failed", "OutOfMemoryError",
                                    CHARS_BEYOND_THE_HEAP + " characters")
                            .hasSizeLessThan(20_000);
                    assertThat(e.remoteTrace()).contains("FailureEndpoints.failWithMessageOf");
                });
    }

    @Test
    void anErrorWhoseMessageCannotBeReadStillReachesTheParent() {
        assertThatThrownBy(() -> child.run(FailureEndpoints::failUnreadably, 1))
                .isInstanceOfSatisfying(RemoteActorException.class, e -> {
                    assertThat(e.boxedTypeName()).isEqualTo(
                            FailureEndpoints.UnreadableException.class.getName());
                    assertThat(e.remoteMessage()).contains("getMessage() threw",
                            "boxing the error failed", "getMessage refuses");
                });
    }

    @Test
    void cancellingATaskBlockedInASocketReadEndsItAsCancelled() {
        try (var ctx = child.openContext(FailureEndpoints::readSocket)) {
            ctx.cancel();
            assertThat(ctx.result()).isInstanceOfSatisfying(ContextCancelled.class,
                    cancelled -> assertThat(cancelled.remoteTrace())
                            .contains(SocketException.class.getName()));
        }
    }

    @Test
    void aSocketErrorOfATaskThatWasNotCancelledStaysAnError() {
        assertThatThrownBy(() -> child.run(FailureEndpoints::failWithSocketException,
                "Closed by interrupt"))
                .isInstanceOfSatisfying(RemoteActorException.class, e -> {
                    assertThat(e).isNotInstanceOf(ContextCancelled.class);
                    assertThat(e.boxedTypeName()).isEqualTo(SocketException.class.getName());
                    assertThat(e.remoteMessage()).isEqualTo("Closed by interrupt");
                });
    }

    @Test
    void anErrorOverTheFrameLimitKeepsItsTypeAndTheStartOfItsMessage() {
        try (var big = ActorNursery.open()) {
            var roomy = big.startActor("roomy", SpawnOptions.exposing(FailureEndpoints.class)
                    .withJvmOptions("-Xmx1g"));
            assertThatThrownBy(() -> roomy.run(FailureEndpoints::failWithMessageOf, 70 << 20))
                    .isInstanceOfSatisfying(RemoteActorException.class, e -> {
                        assertThat(e.boxedTypeName())
                                .isEqualTo(IllegalStateException.class.getName());
                        assertThat(e.remoteMessage()).startsWith("xxxxxxxxxx")
                                .contains("over the frame limit")
                                .hasSizeLessThan(20_000);
                    });
            assertThat(roomy.run(FailureEndpoints::echo, 8)).isEqualTo(8);
        }
    }

    @Test
    void anEndpointThatExitsTheJvmIsReportedWithItsExitCodeWithoutWaitingForItself() {
        var failures = new ArrayList<Throwable>();
        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(9), () -> {
            try (var doomed = ActorNursery.open()) {
                var exiting = doomed.startActor("exits",
                        SpawnOptions.exposing(FailureEndpoints.class));
                try {
                    exiting.run(FailureEndpoints::exit, 3);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        })).isInstanceOfSatisfying(TransportClosed.class,
                e -> assertThat(e).hasMessageContaining("died unexpectedly: exit code 3"));
        assertThat(failures).singleElement().isInstanceOf(TransportClosed.class);
    }
}
