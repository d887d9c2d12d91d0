package io.jtractor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.ActorNursery;
import io.jtractor.ModuleNotExposed;
import io.jtractor.Portal;
import io.jtractor.RemoteActorException;
import io.jtractor.SpawnOptions;
import io.jtractor.TransportClosed;
import io.jtractor.testing.NoZombies;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Remote errors as the caller sees them (SPEC E1, E2, E8) and misuse of endpoints (SPEC P2-P4),
 * against one real child actor.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class ErrorsTest {

    private static final String ENDPOINTS = Endpoints.class.getName();

    private ActorNursery actors;
    private Portal child;

    @BeforeAll
    void spawnChild() {
        actors = ActorNursery.open();
        child = actors.startActor("errors-child", SpawnOptions.exposing(Endpoints.class));
    }

    @AfterAll
    void closeNursery() {
        actors.close();
        NoZombies.assertNoDescendants(Duration.ofSeconds(10));
    }

    // ---- E1, E2 ------------------------------------------------------------------------------

    @Test
    void aRemoteErrorPrintsItsRemoteTraceAndActor() {
        assertThatThrownBy(() -> child.run(Endpoints::fail, "boom"))
                .isInstanceOfSatisfying(RemoteActorException.class, e -> {
                    assertThat(e.boxedTypeName()).isEqualTo(IllegalStateException.class.getName());
                    assertThat(e.boxedType()).isEqualTo(IllegalStateException.class);
                    assertThat(e.source()).isEqualTo(child.actor());
                    assertThat(e.relayPath()).containsExactly(child.actor());
                    assertThat(e.contextId()).isNotNull();
                    assertThat(e.toString()).contains(
                            RemoteActorException.class.getName(),
                            "java.lang.IllegalStateException: boom",
                            "raised in actor " + child.actor(),
                            "context " + e.contextId(),
                            "--- remote stack trace (" + child.actor() + ") ---",
                            "at " + ENDPOINTS + ".fail(");
                });
    }

    @Test
    void anErrorThreeLevelsDeepReachesTheRootWithEveryHopInItsRelayPath() {
        var raised = new AtomicReference<RemoteActorException>();
        assertThatThrownBy(() -> {
            try (var ctx = child.openContext(Endpoints::relayFromGrandchild, "deep down")) {
                ctx.result();
            }
        }).isInstanceOfSatisfying(RemoteActorException.class, raised::set);
        var e = raised.get();
        assertThat(e.boxes(IllegalStateException.class)).isTrue();
        assertThat(e.remoteMessage()).isEqualTo("deep down");
        assertThat(e.source().name()).isEqualTo("grandchild");
        assertThat(e.relayPath()).containsExactly(e.source(), child.actor());
        assertThat(e.remoteTrace()).contains(ENDPOINTS + ".failAfterStarted(");
        assertThat(e.getMessage()).contains("raised in actor " + e.source(),
                "relay path " + e.source() + " -> " + child.actor());
    }

    // ---- P2: what the callee refuses ---------------------------------------------------------

    @Test
    void aClassTheChildDoesNotExposeIsAModuleNotExposedSayingHowToExposeIt() {
        assertThatThrownBy(() -> child.run("java.lang.Math:abs", Map.of("a", -1)))
                .isInstanceOfSatisfying(RemoteActorException.class, e -> {
                    assertThat(e.boxes(ModuleNotExposed.class)).isTrue();
                    assertThat(e.remoteMessage()).contains("java.lang.Math is not exposed",
                            ENDPOINTS, "SpawnOptions.exposing(Math.class)");
                });
    }

    @Test
    void anUnknownMethodIsAnArgumentErrorListingTheEndpoints() {
        assertThatThrownBy(() -> child.run(ENDPOINTS + ":noSuchMethod", Map.of()))
                .isInstanceOfSatisfying(RemoteActorException.class, e -> {
                    assertThat(e.boxes(IllegalArgumentException.class)).isTrue();
                    assertThat(e.remoteMessage()).contains("no public static method"
                            + " 'noSuchMethod'", "pingPong");
                });
    }

    @Test
    void wrongArgumentNamesAreAnArgumentErrorWithTheExpectedSignature() {
        assertThatThrownBy(() -> child.run(ENDPOINTS + ":add", Map.of("x", 1, "b", 2)))
                .isInstanceOfSatisfying(RemoteActorException.class, e -> {
                    assertThat(e.boxes(IllegalArgumentException.class)).isTrue();
                    assertThat(e.remoteMessage()).contains("unknown argument 'x'",
                            ENDPOINTS + ".add(int a, int b)");
                });
    }

    @Test
    void wrongArgumentTypesAreAnArgumentErrorWithTheExpectedSignature() {
        assertThatThrownBy(() -> child.run(ENDPOINTS + ":add", Map.of("a", "one", "b", 2)))
                .isInstanceOfSatisfying(RemoteActorException.class, e -> {
                    assertThat(e.boxes(IllegalArgumentException.class)).isTrue();
                    assertThat(e.remoteMessage()).contains("argument 'a'",
                            ENDPOINTS + ".add(int a, int b)", "does not convert");
                });
    }

    // ---- P3: the kind of endpoint is checked by the caller -----------------------------------

    @Test
    void runOnAContextEndpointFailsLocallyAndCancelsTheRemoteTask() {
        var key = "run-on-context-" + System.nanoTime();
        assertThatThrownBy(() -> child.run(ENDPOINTS + ":sleepForever", Map.of("key", key)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("context endpoint")
                .hasMessageContaining("portal.openContext");
        assertThat(child.run(Endpoints::awaitEvent, key, 10_000)).isEqualTo("cancelled");
    }

    @Test
    void openContextOnAPlainFunctionFailsLocallyAndCancelsTheRemoteTask() {
        var key = "context-on-plain-" + System.nanoTime();
        assertThatThrownBy(() -> child.openContext(ENDPOINTS + ":sleepForeverPlain",
                Map.of("key", key)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain endpoint")
                .hasMessageContaining("portal.run");
        assertThat(child.run(Endpoints::awaitEvent, key, 10_000)).isEqualTo("cancelled");
    }

    // ---- E8: colliding outcomes ----------------------------------------------------------

    @Test
    void aFunctionWhoseActorIsKilledReportsTheLostConnectionWithTheKillAttached() {
        var raised = new AtomicReference<Throwable>();
        try (var inner = ActorNursery.open()) {
            var doomed = inner.runInActor("doomed", Endpoints::waitForever, "doomed");
            assertThat(doomed.run(Endpoints::awaitEvent, "doomed", 10_000)).isEqualTo("waiting");
            ProcessHandle.of(doomed.run(Endpoints::pid)).orElseThrow().destroyForcibly();
            inner.join();
        } catch (TransportClosed e) {
            raised.set(e);
        }
        assertThat(raised.get()).isInstanceOf(TransportClosed.class);
        assertThat(raised.get().getSuppressed()).singleElement()
                .isInstanceOf(TransportClosed.class)
                .satisfies(kill -> assertThat(kill).hasMessageContaining("SIGKILL"));
    }
}
