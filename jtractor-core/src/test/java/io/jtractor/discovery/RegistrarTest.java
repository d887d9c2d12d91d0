package io.jtractor.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.Actor;
import io.jtractor.ActorNotFound;
import io.jtractor.ActorNursery;
import io.jtractor.Discovery;
import io.jtractor.NoRuntime;
import io.jtractor.Portal;
import io.jtractor.RegisteredActor;
import io.jtractor.RootOptions;
import io.jtractor.internal.ipc.TcpAddr;
import io.jtractor.internal.ipc.TcpTransport;
import io.jtractor.ActorId;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.RawValue;
import io.jtractor.internal.msg.Values;
import io.jtractor.sc.Nursery;
import io.jtractor.testing.NoZombies;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registrar in a root of this process, its children registering with it (D1-D4). */
@ExtendWith(NoZombies.class)
@Timeout(60)
class RegistrarTest {

    private final int port = Program.freePort();
    private final String registry = "127.0.0.1:" + port;

    private RootOptions root() {
        return RootOptions.named("root").withRegistry(registry)
                .exposing(DiscoveryEndpoints.class);
    }

    private static List<RegisteredActor> named(String name) {
        return Discovery.registeredActors().stream().filter(a -> a.name().equals(name))
                .toList();
    }

    @Test
    void theFirstRootBecomesTheRegistrarAndRegistersItself() {
        try (var actors = ActorNursery.open(root())) {
            assertThat(Discovery.registrar().actor()).isEqualTo(Actor.id());
            assertThat(Discovery.root().actor()).isEqualTo(Actor.id());
            assertThat(Discovery.registeredActors()).singleElement().satisfies(a -> {
                assertThat(a.id()).isEqualTo(Actor.id());
                assertThat(a.pid()).hasValue(ProcessHandle.current().pid());
                assertThat(a.addresses()).containsExactly(registry);
            });
            assertThat(Discovery.queryActor("root")).hasValue(registry);
        }
    }

    @Test
    void childrenAreRegisteredByTheTimeTheyAreReadyAndFoundByName() {
        try (var actors = ActorNursery.open(root())) {
            var alpha = actors.startActor("alpha", DiscoveryEndpoints.class);
            long pid = alpha.run(DiscoveryEndpoints::pid);

            var found = Discovery.findActor("alpha").orElseThrow();

            assertThat(found.actor()).isEqualTo(alpha.actor());
            assertThat(found.run(DiscoveryEndpoints::add, 2, 3)).isEqualTo(5);
            assertThat(named("alpha")).singleElement().satisfies(a -> {
                assertThat(a.pid()).hasValue(pid);
                assertThat(a.addresses()).singleElement().asString()
                        .matches("127\\.0\\.0\\.1:\\d+");
            });
            assertThat(Discovery.queryActor("alpha")).hasValue(named("alpha").get(0)
                    .addresses().get(0));
            assertThat(Discovery.findActor("nobody")).isEmpty();
            assertThat(Discovery.queryActor("nobody")).isEmpty();
        }
    }

    @Test
    void aChildOfTheRegistrarRegistersOverTheConnectionToItsParent() {
        try (var actors = ActorNursery.open(root())) {
            var child = actors.startActor("direct", DiscoveryEndpoints.class);

            assertThat(child.run(DiscoveryEndpoints::registration)).isEqualTo("through parent");
            assertThat(Discovery.findActor("direct").orElseThrow().actor())
                    .isEqualTo(child.actor());
            assertThat(child.run(DiscoveryEndpoints::grandchildRegistration, "deeper"))
                    .as("a grandchild's parent is not the registrar").isEqualTo("own link");
        }
    }

    @Test
    void aChildOfTheRegistrarLeavesTheRegistryWhenItEnds() {
        try (var actors = ActorNursery.open(root())) {
            try (var inner = ActorNursery.open()) {
                inner.startActor("leaving", DiscoveryEndpoints.class);
                assertThat(named("leaving")).hasSize(1);
            }

            assertThat(named("leaving")).isEmpty();
        }
    }

    @Test
    void namesAreNotUniqueAndTheNewestIsFoundFirst() {
        try (var actors = ActorNursery.open(root())) {
            var first = actors.startActor("twin", DiscoveryEndpoints.class);
            var second = actors.startActor("twin", DiscoveryEndpoints.class);

            assertThat(named("twin")).extracting(RegisteredActor::id)
                    .containsExactly(first.actor(), second.actor());
            assertThat(Discovery.findActor("twin").orElseThrow().actor())
                    .isEqualTo(second.actor());
        }
    }

    @Test
    void childrenFindEachOtherTheRootAndTheRegistryTheyInherited() {
        try (var actors = ActorNursery.open(root())) {
            var left = actors.startActor("left", DiscoveryEndpoints.class);
            actors.startActor("right", DiscoveryEndpoints.class);

            assertThat(left.run(DiscoveryEndpoints::addThroughPeer, "right", 4, 5)).isEqualTo(9);
            assertThat(left.run(DiscoveryEndpoints::rootName)).isEqualTo("root");
            assertThat(left.run(DiscoveryEndpoints::registryAddress)).isEqualTo(registry);
            assertThat(left.run(DiscoveryEndpoints::query, "right"))
                    .isEqualTo(Discovery.queryActor("right").orElseThrow());
        }
    }

    @Test
    void grandchildrenInheritTheRegistryAndTheRoot() {
        try (var actors = ActorNursery.open(root())) {
            var child = actors.startActor("middle", DiscoveryEndpoints.class);

            String report = child.run(DiscoveryEndpoints::spawnAndAskGrandchild, "grandchild");

            assertThat(report.split("\\|")).containsExactly(registry, "root",
                    Discovery.queryActor("middle").orElseThrow());
            assertThat(named("grandchild")).as("the grandchild unregistered when it ended")
                    .isEmpty();
        }
    }

    @Test
    void waitForActorReturnsOnceTheActorRegisters() {
        try (var actors = ActorNursery.open(root()); var tasks = Nursery.open()) {
            var waited = new AtomicReference<Portal>();
            tasks.startSoon(() -> waited.set(Discovery.waitForActor("late",
                    Duration.ofSeconds(30))));

            var late = actors.startActor("late", DiscoveryEndpoints.class);
            tasks.join();

            assertThat(waited.get().actor()).isEqualTo(late.actor());
            assertThat(waited.get().run(DiscoveryEndpoints::name)).isEqualTo("late");
        }
    }

    @Test
    void waitForActorGivesUpAfterItsTimeoutNamingTheActorAndTheRegistrar() {
        try (var actors = ActorNursery.open(root())) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> Discovery.waitForActor("never", Duration.ofMillis(300)))
                    .isInstanceOfSatisfying(ActorNotFound.class,
                            e -> assertThat(e.actorName()).isEqualTo("never"))
                    .hasMessageContaining("'never'").hasMessageContaining(registry)
                    .hasMessageContaining("300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aCancelledActorHasLeftTheRegistryWhenItsCancelIsAcknowledged() {
        try (var actors = ActorNursery.open(root())) {
            var brief = actors.startActor("brief", DiscoveryEndpoints.class);
            assertThat(named("brief")).hasSize(1);
            long start = System.nanoTime();

            assertThat(brief.cancelActor(Duration.ofSeconds(5))).isTrue();

            // The actor unregisters before it acknowledges: gone once cancelActor returns, within
            // about a second (the bound leaves room for a loaded machine).
            assertThat(named("brief")).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(Discovery.findActor("brief")).isEmpty();
        }
    }

    @Test
    void aStaleEntryIsRemovedByTheFirstLookupWhichThenReportsNothing() {
        try (var actors = ActorNursery.open(root())) {
            var ghost = List.of("ghost", UUID.randomUUID().toString());
            var nowhere = List.of("127.0.0.1", Program.freePort());
            Discovery.registrar().run("self:register_actor",
                    Map.of("uid", ghost, "addr", nowhere));
            assertThat(named("ghost")).hasSize(1);

            assertThat(Discovery.findActor("ghost")).isEmpty();

            assertThat(named("ghost")).isEmpty();
        }
    }

    @Test
    void discoveryWithoutARuntimeIsNoRuntime() {
        assertThatThrownBy(() -> Discovery.findActor("x")).isInstanceOf(NoRuntime.class)
                .hasMessageContaining("Discovery.findActor()");
        assertThatThrownBy(() -> Discovery.waitForActor("x", Duration.ofSeconds(1)))
                .isInstanceOf(NoRuntime.class);
        assertThatThrownBy(() -> Discovery.queryActor("x")).isInstanceOf(NoRuntime.class);
        assertThatThrownBy(Discovery::registrar).isInstanceOf(NoRuntime.class);
        assertThatThrownBy(Discovery::root).isInstanceOf(NoRuntime.class);
        assertThatThrownBy(Discovery::registeredActors).isInstanceOf(NoRuntime.class);
    }

    @Test
    void aRegistryPortHeldBySomethingSilentIsAStartupErrorNamingTheAddress() throws Exception {
        try (var silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            var taken = "127.0.0.1:" + silent.getLocalPort();

            assertThatThrownBy(() -> ActorNursery.open(RootOptions.named("root")
                    .withRegistry(taken)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(taken)
                    .hasMessageContaining("does not answer the jtractor handshake");
            assertThat(Actor.isRunning()).isFalse();
        }
    }

    @Test
    void theRegistrarSpeaksTheReferenceWireShapes() {
        try (var actors = ActorNursery.open(root());
                var wire = TcpTransport.connect(new TcpAddr("127.0.0.1", port),
                        Duration.ofSeconds(5))) {
            var me = new ActorId("wire-test", UUID.randomUUID().toString());
            wire.send(new Msg.Aid(me.name(), me.uuid(), 1L, false, false));
            assertThat(wire.receive()).isInstanceOfSatisfying(Msg.Aid.class, aid -> {
                assertThat(aid.isRegistrar()).isTrue();
                assertThat(aid.actorId()).isEqualTo(Actor.id());
            });
            var uid = Values.toRaw(List.of(me.name(), me.uuid()));

            assertThat(call(wire, me, "register_actor", Map.of("uid", uid,
                    "addr", Values.toRaw(List.of("127.0.0.1", 40001))))).isEqualTo(RawValue.NIL);
            assertThat(Values.fromRaw(call(wire, me, "find_actor",
                    Map.of("name", Values.toRaw("root")))))
                    .isEqualTo(List.of(List.of("127.0.0.1", (long) port)));
            assertThat(call(wire, me, "find_actor", Map.of("name", Values.toRaw("nobody"))))
                    .isEqualTo(RawValue.NIL);
            var registered = (List<?>) Values.fromRaw(call(wire, me, "get_registry", Map.of()));
            assertThat(registered.stream().map(e -> ((Map<?, ?>) e).get("uid")).toList())
                    .isEqualTo(List.of(List.of("root", Actor.id().uuid()),
                            List.of(me.name(), me.uuid())));
            assertThat(call(wire, me, "unregister_actor", Map.of("uid", uid)))
                    .isEqualTo(RawValue.NIL);
            assertThat(named("wire-test")).isEmpty();
        }
    }

    @Test
    void aProbeGetsTheRegistrarsAidAndNothingElse() {
        try (var actors = ActorNursery.open(root());
                var probe = TcpTransport.connect(new TcpAddr("127.0.0.1", port),
                        Duration.ofSeconds(5))) {
            probe.send(new Msg.Aid("registry-probe", UUID.randomUUID().toString(), 1L, null,
                    true));

            assertThat(probe.receive()).isInstanceOfSatisfying(Msg.Aid.class,
                    aid -> assertThat(aid.isRegistrar()).isTrue());
            assertThat(probe.receive()).as("the registrar hangs up after its Aid").isNull();
        }
    }

    /** Sends {@code Start self:func} and returns the {@code Return} payload after the ack. */
    private static RawValue call(TcpTransport wire, ActorId me, String func,
            Map<String, RawValue> kwargs) {
        var cid = UUID.randomUUID().toString();
        wire.send(new Msg.Start(cid, "self", func, kwargs, me));
        assertThat(wire.receive()).isEqualTo(new Msg.StartAck(cid, Msg.StartAck.ASYNCFUNC));
        var reply = wire.receive();
        assertThat(reply).isInstanceOf(Msg.Return.class);
        return ((Msg.Return) reply).pld();
    }
}
