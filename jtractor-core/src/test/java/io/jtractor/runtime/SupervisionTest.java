package io.jtractor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.ActorNursery;
import io.jtractor.Portal;
import io.jtractor.RemoteActorException;
import io.jtractor.SpawnFailed;
import io.jtractor.SpawnOptions;
import io.jtractor.TransportClosed;
import io.jtractor.sc.ExceptionGroup;
import io.jtractor.sc.Nursery;
import io.jtractor.testing.NoZombies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Spawning, supervision and teardown with real child JVMs (SPEC A3-A7, A10, C12, P4). */
@ExtendWith(NoZombies.class)
@Timeout(60)
class SupervisionTest {

    // ---- A4: spawn failures ------------------------------------------------------------------

    @Test
    void exposingAClassThatDoesNotExistFailsTheSpawnWithTheChildsError() {
        assertThatThrownBy(() -> {
            try (var actors = ActorNursery.open()) {
                actors.startActor("no-class", SpawnOptions.exposingNames("com.example.Missing"));
            }
        }).isInstanceOfSatisfying(SpawnFailed.class, e -> {
            assertThat(e.actorName()).isEqualTo("no-class");
            assertThat(e.exitCode()).isEqualTo(3);
            assertThat(e.childOutput()).contains("com.example.Missing");
            assertThat(e.getMessage()).contains("exit code 3", "com.example.Missing");
        });
    }

    @Test
    void aBadJvmOptionFailsTheSpawnWithTheJvmsError() {
        assertThatThrownBy(() -> {
            try (var actors = ActorNursery.open()) {
                actors.startActor("bad-flag", SpawnOptions.exposing(Endpoints.class)
                        .withJvmOptions("-XX:+NoSuchFlag"));
            }
        }).isInstanceOfSatisfying(SpawnFailed.class, e -> {
            assertThat(e.exitCode()).isEqualTo(1);
            assertThat(e.childOutput()).contains("NoSuchFlag");
            assertThat(e.getMessage()).contains("exited before connecting back");
        });
    }

    @Test
    void aClassWhoseInitialiserThrowsFailsTheSpawnWithItsError() {
        assertThatThrownBy(() -> {
            try (var actors = ActorNursery.open()) {
                actors.startActor("throws", SpawnOptions.exposingNames(BootFailures.THROWS));
            }
        }).isInstanceOfSatisfying(SpawnFailed.class, e -> {
            assertThat(e.exitCode()).isEqualTo(3);
            assertThat(e.getMessage()).contains("ThrowsOnLoad refuses to load");
            assertThat(e.getCause()).isInstanceOfSatisfying(RemoteActorException.class,
                    cause -> assertThat(cause.remoteTrace()).contains("ThrowsOnLoad"));
        });
    }

    @Test
    void aChildCrashingDuringBootFailsTheSpawnWithItsExitCode() {
        assertThatThrownBy(() -> {
            try (var actors = ActorNursery.open()) {
                actors.startActor("crashes", SpawnOptions.exposingNames(BootFailures.HALTS));
            }
        }).isInstanceOfSatisfying(SpawnFailed.class, e -> {
            assertThat(e.exitCode()).isEqualTo(7);
            assertThat(e.childOutput()).contains("crashing the JVM on purpose");
        });
    }

    @Test
    void aChildHangingDuringBootIsKilledAfterItsStartTimeout() {
        assertThatThrownBy(() -> {
            try (var actors = ActorNursery.open()) {
                actors.startActor("hangs", SpawnOptions.exposingNames(BootFailures.HANGS)
                        .withStartTimeout(Duration.ofSeconds(3)));
            }
        }).isInstanceOfSatisfying(SpawnFailed.class, e -> {
            assertThat(e.exitCode()).isEqualTo(137);
            assertThat(e.getMessage()).contains("no answer within");
        });
    }

    // ---- A3: runInActor ------------------------------------------------------------------

    @Test
    void runInActorResultIsCollectedAlsoAfterTheNurseryClosed() {
        Portal adder;
        try (var actors = ActorNursery.open()) {
            adder = actors.runInActor("adder", Endpoints::add, 2, 3);
            actors.join();
            assertThat(adder.result()).isEqualTo(5);
        }
        assertThat(adder.result(Integer.class)).isEqualTo(5);
    }

    @Test
    void runInActorFailureIsRaisedByTheNurseryAndByItsResult() {
        var failer = new AtomicReference<Portal>();
        assertThatThrownBy(() -> {
            try (var actors = ActorNursery.open()) {
                failer.set(actors.runInActor("failer", Endpoints::failing, "boom"));
                actors.join();
            }
        }).isInstanceOfSatisfying(RemoteActorException.class, e -> {
            assertThat(e.remoteMessage()).isEqualTo("boom");
            assertThat(e.source()).isEqualTo(failer.get().actor());
        });
        assertThatThrownBy(() -> failer.get().result())
                .isInstanceOfSatisfying(RemoteActorException.class,
                        e -> assertThat(e.remoteMessage()).isEqualTo("boom"));
    }

    // ---- A5: one-cancels-all -------------------------------------------------------------

    @Test
    void oneFailingChildCancelsItsSiblingsAndIsRaisedAsItself() {
        var bystanderPid = new AtomicLong();
        var waiterPid = new AtomicLong();
        assertThatThrownBy(() -> {
            try (var actors = ActorNursery.open()) {
                var bystander = actors.startActor("bystander",
                        SpawnOptions.exposing(Endpoints.class));
                bystanderPid.set(bystander.run(Endpoints::pid));
                var waiter = actors.runInActor("waiter", Endpoints::waitForever, "waiter");
                waiterPid.set(waiter.run(Endpoints::pid));
                actors.runInActor("failer", Endpoints::failing, "boom");
                actors.join();
            }
        }).isInstanceOfSatisfying(RemoteActorException.class,
                e -> assertThat(e.remoteMessage()).isEqualTo("boom"));
        assertThat(ProcessHandle.of(bystanderPid.get())).isEmpty();
        assertThat(ProcessHandle.of(waiterPid.get())).isEmpty();
    }

    @Test
    void severalChildFailuresAreRaisedTogetherAsAGroup() {
        assertThatThrownBy(() -> {
            try (var actors = ActorNursery.open()) {
                actors.runInActor("second", Endpoints::failWhenCancelled, "failed in cleanup");
                actors.runInActor("first", Endpoints::failing, "failed first");
                actors.join();
            }
        }).isInstanceOfSatisfying(ExceptionGroup.class, group -> assertThat(group.exceptions())
                .map(e -> ((RemoteActorException) e).remoteMessage())
                .containsExactly("failed first", "failed in cleanup"));
    }

    // ---- A6, A7: the cancel ladder, in parallel --------------------------------------------

    @Test
    void aChildIgnoringCancellationIsTerminatedThenKilled(@TempDir Path markers)
            throws Exception {
        long pid;
        try (var actors = ActorNursery.open()) {
            var deaf = actors.runInActor("deaf", Endpoints::deafUntilKilled, markers.toString(),
                    1);
            assertThat(deaf.run(Endpoints::awaitEvent, "deaf.ready", 10_000)).isEqualTo("ready");
            pid = deaf.run(Endpoints::pid);
        }
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(markers.resolve("term-" + pid)).as("SIGTERM came first").exists();
    }

    @Test
    void childrenAreTornDownInParallel(@TempDir Path markers) throws Exception {
        int children = 4;
        try (var actors = ActorNursery.open()) {
            Nursery.run(spawners -> {
                for (int i = 0; i < children; i++) {
                    var name = "deaf-" + i;
                    spawners.startSoon(() -> {
                        var deaf = actors.runInActor(name, Endpoints::deafUntilKilled,
                                markers.toString(), children);
                        assertThat(deaf.run(Endpoints::awaitEvent, "deaf.ready", 10_000))
                                .isEqualTo("ready");
                    });
                }
                return null;
            });
        }
        try (var files = Files.list(markers)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("every child saw all %d terminated before any was killed", children)
                    .filteredOn(name -> name.startsWith("all-"))
                    .hasSize(children);
        }
    }

    // ---- A10, P4, C12 ------------------------------------------------------------------------

    @Test
    void nestedTreesAreOrdinaryAndTheirGrandchildrenEndWithThem() {
        long grandchild;
        try (var actors = ActorNursery.open()) {
            var child = actors.startActor("middle", SpawnOptions.exposing(Endpoints.class));
            try (var ctx = child.openContext(Endpoints::holdGrandchild)) {
                grandchild = ctx.first(Long.class);
                assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive))
                        .contains(true);
            }
        }
        assertThat(ProcessHandle.of(grandchild)).isEmpty();
    }

    @Test
    void cancelActorIsAcknowledgedAndTheExitIsNoFailure() {
        long pid;
        try (var actors = ActorNursery.open()) {
            var child = actors.startActor("cancelled", SpawnOptions.exposing(Endpoints.class));
            pid = child.run(Endpoints::pid);
            assertThat(child.cancelActor()).isTrue();
            actors.join();
        }
        assertThat(ProcessHandle.of(pid)).isEmpty();
    }

    @Test
    void aChildKilledMidContextFailsTheContextAtOnceAndTheNurseryRaises() {
        var contextFailure = new AtomicReference<Throwable>();
        assertThatThrownBy(() -> {
            try (var actors = ActorNursery.open()) {
                var victim = actors.startActor("victim", SpawnOptions.exposing(Endpoints.class));
                long pid = victim.run(Endpoints::pid);
                try (var ctx = victim.openContext(Endpoints::sleepForever, "killed")) {
                    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                    try {
                        ctx.result();
                    } catch (RuntimeException e) {
                        contextFailure.set(e);
                    }
                }
                actors.join();
            }
        }).isInstanceOfSatisfying(TransportClosed.class,
                e -> assertThat(e).hasMessageContaining("died unexpectedly")
                        .hasMessageContaining("SIGKILL"));
        assertThat(contextFailure.get()).isInstanceOf(TransportClosed.class);
    }

    @Test
    void childrenInheritTheLogLevel() {
        try (var actors = ActorNursery.open()) {
            var inherited = actors.startActor("inherits", SpawnOptions.exposing(Endpoints.class));
            var chosen = actors.startActor("chosen", SpawnOptions.exposing(Endpoints.class)
                    .withLogLevel("ERROR"));
            assertThat(inherited.run(Endpoints::logLevel)).isEqualTo(Endpoints.logLevel());
            assertThat(chosen.run(Endpoints::logLevel)).isEqualTo("ERROR");
        }
    }
}
