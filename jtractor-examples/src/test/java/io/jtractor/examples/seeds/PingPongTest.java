package io.jtractor.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.ActorNursery;
import io.jtractor.Context;
import io.jtractor.Portal;
import io.jtractor.RemoteActorException;
import io.jtractor.SpawnOptions;
import io.jtractor.testing.NoZombies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seeds #2, #8, #20, #22: request/response over a context stream, from a real child. */
@ExtendWith(NoZombies.class)
@Timeout(60)
class PingPongTest {

    @Test
    void explicitReceiveServerAnswersTenPingsAndRejectsFewer() {
        try (var actors = ActorNursery.open()) {
            var server = startServer(actors);

            try (var ctx = server.openContext(PingPong::simpleRpc, 10)) {
                assertThat(ctx.first(Integer.class)).isEqualTo(11);
                pingAndExpectPongs(ctx, PingPong.EXPECTED_PINGS);
                assertThat(ctx.result(Integer.class)).isEqualTo(PingPong.EXPECTED_PINGS);
            }

            try (var ctx = server.openContext(PingPong::simpleRpc, 0)) {
                pingAndExpectPongs(ctx, PingPong.EXPECTED_PINGS - 1);
                assertThatThrownBy(ctx::result).isInstanceOfSatisfying(
                        RemoteActorException.class, e -> {
                            assertThat(e.boxes(IllegalStateException.class)).isTrue();
                            assertThat(e.remoteMessage()).contains("got 9");
                            assertThat(e.source()).isEqualTo(server.actor());
                        });
            }
        }
    }

    @Test
    void forLoopServerAnswersTenPingsAndRejectsAnythingButPing() {
        try (var actors = ActorNursery.open()) {
            var server = startServer(actors);

            try (var ctx = server.openContext(PingPong::simpleRpcWithForLoop, 41)) {
                assertThat(ctx.first(Integer.class)).isEqualTo(42);
                pingAndExpectPongs(ctx, PingPong.EXPECTED_PINGS);
                assertThat(ctx.result(Integer.class)).isEqualTo(PingPong.EXPECTED_PINGS);
            }

            try (var ctx = server.openContext(PingPong::simpleRpcWithForLoop, 0)) {
                try (var stream = ctx.openStream(String.class)) {
                    stream.send("pong");
                }
                assertThatThrownBy(ctx::result).isInstanceOfSatisfying(
                        RemoteActorException.class, e -> {
                            assertThat(e.boxes(IllegalArgumentException.class)).isTrue();
                            assertThat(e.remoteMessage()).contains("expected \"ping\"");
                        });
            }
        }
    }

    @Test
    void requestResponseAndStreamingShareOneStream() {
        try (var actors = ActorNursery.open()) {
            var server = startServer(actors);

            try (var ctx = server.openContext(PingPong::streamAndServeRequests);
                    var stream = ctx.openStream(String.class)) {
                int pongs = 0;
                int yos = 0;
                stream.send("ping");
                while (pongs < PingPong.EXPECTED_PINGS || yos == 0) {
                    var msg = stream.receive();
                    assertThat(msg).isIn("pong", "yo");
                    if (msg.equals("yo")) {
                        yos++;
                    } else if (++pongs < PingPong.EXPECTED_PINGS) {
                        stream.send("ping");
                    }
                }
                assertThat(pongs).isEqualTo(PingPong.EXPECTED_PINGS);
            }
        }
    }

    private static Portal startServer(ActorNursery actors) {
        return actors.startActor("rpc_server", SpawnOptions.exposing(PingPong.class));
    }

    /** Sends {@code count} pings, expecting a pong for each, then closes the stream. */
    private static void pingAndExpectPongs(Context ctx, int count) {
        try (var stream = ctx.openStream(String.class)) {
            for (int i = 0; i < count; i++) {
                stream.send("ping");
                assertThat(stream.receive()).isEqualTo("pong");
            }
        }
    }
}
