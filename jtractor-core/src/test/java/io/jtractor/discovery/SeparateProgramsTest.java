package io.jtractor.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.Actor;
import io.jtractor.ActorNursery;
import io.jtractor.Discovery;
import io.jtractor.RootOptions;
import io.jtractor.TransportClosed;
import io.jtractor.testing.NoZombies;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Separately started programs sharing one registrar (D1, D4, D5): a root that finds the
 * registrar of another program, an entry of a killed program, and the registrar's own death.
 */
@ExtendWith(NoZombies.class)
@Timeout(90)
class SeparateProgramsTest {

    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final String registry = "127.0.0.1:" + Program.freePort();

    private RootOptions root() {
        return RootOptions.named("root").withRegistry(registry)
                .exposing(DiscoveryEndpoints.class);
    }

    @Test
    void aRootStartedLaterUsesTheRegistrarOfAnotherProgramAndTheyCallEachOther()
            throws Exception {
        try (var elder = Program.start(DaemonMain.class, "elder", registry)) {
            assertThat(elder.awaitLine("ready", STARTUP)).endsWith(registry + " registrar");

            try (var actors = ActorNursery.open(root())) {
                assertThat(Discovery.registrar().actor().name()).isEqualTo("elder");
                var portal = Discovery.findActor("elder").orElseThrow();
                assertThat(portal.run(DiscoveryEndpoints::pid)).isEqualTo(elder.pid());
                try (var ctx = portal.openContext(DiscoveryEndpoints::echo, "hi")) {
                    assertThat(ctx.first(String.class)).isEqualTo("hi from elder");
                    try (var stream = ctx.openStream(String.class)) {
                        stream.send("one");
                        assertThat(stream.receive()).isEqualTo("elder: one");
                    }
                    assertThat(ctx.result(Integer.class)).isEqualTo(1);
                }
                assertThat(portal.run(DiscoveryEndpoints::addThroughPeer, "root", 20, 22))
                        .as("the other program finds this root through the registrar")
                        .isEqualTo(42);

                assertThat(portal.cancelActor(Duration.ofSeconds(5))).isTrue();
            }
            assertThat(elder.awaitLine("stopped", STARTUP)).isEqualTo("stopped elder");
            assertThat(elder.awaitExit(STARTUP)).isZero();
        }
    }

    @Test
    void theEntryOfAKilledProgramIsRemovedByTheFirstLookup() throws Exception {
        try (var actors = ActorNursery.open(root());
                var victim = Program.start(DaemonMain.class, "victim", registry)) {
            assertThat(victim.awaitLine("ready", STARTUP)).endsWith(" client");
            assertThat(Discovery.findActor("victim").orElseThrow()
                    .run(DiscoveryEndpoints::pid)).isEqualTo(victim.pid());

            victim.process().destroyForcibly();
            victim.awaitExit(STARTUP);
            assertThat(Discovery.registeredActors()).as("killed, it could not unregister")
                    .anyMatch(a -> a.name().equals("victim"));

            assertThat(Discovery.findActor("victim")).isEmpty();
            assertThat(Discovery.registeredActors()).noneMatch(a -> a.name().equals("victim"));
        }
    }

    @Test
    void lookupsFailClearlyWhileTheRegistrarIsGoneAndActorsRegisterAgainWhenOneIsBack()
            throws Exception {
        try (var first = Program.start(DaemonMain.class, "first-registrar", registry)) {
            assertThat(first.awaitLine("ready", STARTUP)).endsWith(" registrar");
            try (var actors = ActorNursery.open(root())) {
                var worker = actors.startActor("worker", DiscoveryEndpoints.class);
                assertThat(Discovery.findActor("worker")).isPresent();

                first.process().destroyForcibly();
                first.awaitExit(STARTUP);

                assertThatThrownBy(() -> Discovery.findActor("worker"))
                        .isInstanceOf(TransportClosed.class)
                        .hasMessageContaining("no registrar answers at " + registry);
                assertThat(worker.run(DiscoveryEndpoints::add, 1, 1))
                        .as("actors keep running without a registrar").isEqualTo(2);

                try (var second = Program.start(DaemonMain.class, "second-registrar",
                        registry)) {
                    assertThat(second.awaitLine("ready", STARTUP)).endsWith(" registrar");

                    assertThat(Discovery.waitForActor("worker", Duration.ofSeconds(15)).actor())
                            .isEqualTo(worker.actor());
                    assertThat(Discovery.waitForActor("root", Duration.ofSeconds(15)).actor())
                            .isEqualTo(Actor.id());
                    assertThat(Discovery.registrar().actor().name())
                            .isEqualTo("second-registrar");

                    assertThat(Discovery.registrar().cancelActor(Duration.ofSeconds(5)))
                            .isTrue();
                    assertThat(second.awaitExit(STARTUP)).isZero();
                }
            }
        }
    }
}
