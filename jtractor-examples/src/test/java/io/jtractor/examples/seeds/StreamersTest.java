package io.jtractor.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.Actor;
import io.jtractor.ActorNursery;
import io.jtractor.ContextCancelled;
import io.jtractor.Portal;
import io.jtractor.SpawnOptions;
import io.jtractor.sc.EndOfChannel;
import io.jtractor.testing.NoZombies;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seeds #1, #13, #17: children streaming to their parent over a context stream. */
@ExtendWith(NoZombies.class)
@Timeout(60)
class StreamersTest {

    @Test
    void infiniteStreamerStopsAtTheSentinelAndLosesNothing() {
        try (var actors = ActorNursery.open()) {
            var streamer = startStreamer(actors);

            try (var ctx = streamer.openContext(Streamers::infiniteStreamer)) {
                long delivered;
                try (var stream = ctx.openStream(Long.class)) {
                    for (long expected = 0; expected < 500; expected++) {
                        assertThat(stream.receive()).isEqualTo(expected);
                    }
                    stream.send("hello");
                    stream.send(Streamers.SENTINEL);
                    delivered = 500;
                    for (long value : stream) {
                        assertThat(value).isEqualTo(delivered);
                        delivered++;
                    }
                    assertThatThrownBy(stream::receive).isInstanceOf(EndOfChannel.class);
                }
                var report = ctx.result(Streamers.StreamerReport.class);
                assertThat(report.received()).containsExactly("hello");
                assertThat(report.sent()).as("values sent, all received").isEqualTo(delivered);
            }
        }
    }

    @Test
    void streamerDeliversItsWholeSequenceInOrderThenEnds() {
        try (var actors = ActorNursery.open()) {
            var streamer = startStreamer(actors);

            try (var ctx = streamer.openContext(Streamers::streamer, null)) {
                var received = new ArrayList<Integer>();
                try (var stream = ctx.openStream(Integer.class)) {
                    for (int value : stream) {
                        received.add(value);
                    }
                }
                assertThat(received).isEqualTo(Streamers.DEFAULT_SEQUENCE);
                assertThat(ctx.result()).isNull();
            }

            try (var ctx = streamer.openContext(Streamers::streamer, null)) {
                try (var stream = ctx.openStream(Integer.class)) {
                    for (int expected = 0; expected < 10; expected++) {
                        assertThat(stream.receive()).isEqualTo(expected);
                    }
                }
                ctx.cancel();
                assertThat(ctx.result()).isInstanceOfSatisfying(ContextCancelled.class,
                        cancelled -> assertThat(cancelled.canceller()).isEqualTo(Actor.id()));
            }
        }
    }

    @Test
    void calleeAheadOfAParentThatDoesNotReadIsHeldBackNotOverrun() {
        try (var actors = ActorNursery.open()) {
            var streamer = startStreamer(actors);

            try (var blocked = streamer.openContext(Streamers::keepSendingFromCallee, 8)) {
                // no stream on this side yet: flow control holds the callee at its first send,
                // and the connection keeps serving other contexts meanwhile
                expectSequenceFrom(streamer, IntStream.range(0, 50).boxed().toList());

                try (var stream = blocked.openStream(Long.class, 4)) {
                    for (long expected = 0; expected < 30; expected++) {
                        assertThat(stream.receive()).isEqualTo(expected);
                    }
                }
                blocked.cancel();
                assertThat(blocked.isCancelAcknowledged()).isTrue();
                assertThat(blocked.result()).isInstanceOf(ContextCancelled.class);
            }
        }
    }

    private static Portal startStreamer(ActorNursery actors) {
        return actors.startActor("streamer", SpawnOptions.exposing(Streamers.class));
    }

    private static void expectSequenceFrom(Portal streamer, List<Integer> sequence) {
        try (var ctx = streamer.openContext(Streamers::streamer, sequence)) {
            var received = new ArrayList<Integer>();
            try (var stream = ctx.openStream(Integer.class)) {
                stream.forEach(received::add);
            }
            assertThat(received).isEqualTo(sequence);
            ctx.result();
        }
    }
}
