package io.jtractor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.ActorNursery;
import io.jtractor.RemoteActorException;
import io.jtractor.SpawnOptions;
import io.jtractor.testing.NoZombies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoZombies.class)
@Timeout(60)
class RuntimeSmokeTest {

    @Test
    void runReturnsTheRemoteValueFromARealChildProcess() {
        try (var actors = ActorNursery.open()) {
            var portal = actors.startActor("adder", SpawnOptions.exposing(Endpoints.class));
            assertThat(portal.run(Endpoints::add, 1, 2)).isEqualTo(3);
            assertThat(portal.run(Endpoints::pid)).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(portal.run(Endpoints::moved, new Endpoints.Point(1, 2), 3))
                    .isEqualTo(new Endpoints.Point(4, 2));
        }
    }

    @Test
    void pingPongOverAContextStream() {
        try (var actors = ActorNursery.open()) {
            var portal = actors.startActor("server", SpawnOptions.exposing(Endpoints.class));
            try (var ctx = portal.openContext(Endpoints::pingPong, 10)) {
                assertThat(ctx.first(Integer.class)).isEqualTo(11);
                try (var stream = ctx.openStream(String.class)) {
                    for (int i = 0; i < 10; i++) {
                        stream.send("ping");
                        assertThat(stream.receive()).isEqualTo("pong");
                    }
                }
                assertThat(ctx.result(String.class)).isEqualTo("served 10");
            }
        }
    }

    @Test
    void remoteErrorCarriesTypeAndTrace() {
        try (var actors = ActorNursery.open()) {
            var portal = actors.startActor("failer", SpawnOptions.exposing(Endpoints.class));
            assertThatThrownBy(() -> portal.run(Endpoints::fail, "boom"))
                    .isInstanceOfSatisfying(RemoteActorException.class, e -> {
                        assertThat(e.boxes(IllegalStateException.class)).isTrue();
                        assertThat(e.remoteMessage()).isEqualTo("boom");
                        assertThat(e.remoteTrace()).contains("Endpoints.fail");
                        assertThat(e.source().name()).isEqualTo("failer");
                    });
        }
    }

    @Test
    void aCollectionOrMapResultIsOneValueWhileAnIterableThatIsNoCollectionStreams() {
        try (var actors = ActorNursery.open()) {
            var portal = actors.startActor("lists", SpawnOptions.exposing(Endpoints.class));
            var points = List.of(new Endpoints.Point(1, 2), new Endpoints.Point(3, 4));
            assertThat(portal.run(Endpoints::movedAll, points, 10))
                    .containsExactly(new Endpoints.Point(11, 2), new Endpoints.Point(13, 4));
            assertThat(portal.run(Endpoints::letters)).containsExactly("a", "b", "c");
            assertThat(portal.run(Endpoints::lengths, List.of("ab", "c")))
                    .isEqualTo(Map.of("ab", 2, "c", 1));
            assertThatThrownBy(() -> portal.openStreamFrom(Endpoints::letters))
                    .hasMessageContaining("is a plain endpoint").hasMessageContaining("portal.run");
            var seen = new ArrayList<String>();
            try (var stream = portal.<String, String>openStreamFrom(Endpoints::spelled, "abc")) {
                stream.forEach(seen::add);
            }
            assertThat(seen).containsExactly("a", "b", "c");
        }
    }

    @Test
    void streamFromIteratesEveryElement() {
        try (var actors = ActorNursery.open()) {
            var portal = actors.startActor("counter", SpawnOptions.exposing(Endpoints.class));
            var seen = new ArrayList<Integer>();
            try (var stream = portal.<Integer, Integer>openStreamFrom(Endpoints::count, 200)) {
                for (Integer value : stream) {
                    seen.add(value);
                }
            }
            assertThat(seen).hasSize(200).startsWith(0, 1, 2).endsWith(199);
        }
    }
}
