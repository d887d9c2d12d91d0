package io.jtractor.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtractor.ActorNursery;
import io.jtractor.MsgStream;
import io.jtractor.Portal;
import io.jtractor.SpawnOptions;
import io.jtractor.sc.BroadcastReceiver;
import io.jtractor.sc.CancelScope;
import io.jtractor.sc.Lagged;
import io.jtractor.sc.Nursery;
import io.jtractor.sc.ReceiveChannel;
import io.jtractor.testing.NoZombies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seeds #6, #9, #15: echo servers in a real child, checked for equality and order. */
@ExtendWith(NoZombies.class)
@Timeout(60)
class EchoesTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final List<Integer> SEQUENCE = IntStream.range(0, 1000).boxed().toList();

    @Test
    void echoServerSendsBackEveryMessageUnchanged() {
        try (var actors = ActorNursery.open()) {
            var echoer = startEchoer(actors);
            // untyped integers decode as Long, so they are sent as Long
            var messages = Arrays.asList("hello", 42L, -7L, 3.5, true, null,
                    List.of("a", "b"), Map.of("symbol", "btcusdt", "size", 2L));

            try (var ctx = echoer.openContext(Echoes::echoCtxStream)) {
                try (var stream = ctx.openStream()) {
                    for (Object msg : messages) {
                        stream.send(msg);
                        assertThat(stream.receive()).isEqualTo(msg);
                    }
                }
                assertThat(ctx.result()).isNull();
            }
        }
    }

    @Test
    void echoBackSequenceEchoesThreeRoundsWhateverItsBufferSize() {
        try (var actors = ActorNursery.open()) {
            var echoer = startEchoer(actors);
            var seq = IntStream.range(0, 10).boxed().toList();

            for (Integer bufferSize : Arrays.asList(null, 1, 3)) {
                try (var ctx = echoer.openContext(Echoes::echoBackSequence, seq, bufferSize)) {
                    try (var stream = ctx.openStream(Integer.class)) {
                        for (int round = 0; round < Echoes.ECHO_ROUNDS; round++) {
                            seq.forEach(stream::send);
                            var echoed = new ArrayList<Integer>();
                            for (int i = 0; i < seq.size(); i++) {
                                echoed.add(stream.receive());
                            }
                            assertThat(echoed).as("round %d, buffer %s", round, bufferSize)
                                    .isEqualTo(seq);
                        }
                    }
                    assertThat(ctx.result(String.class)).isEqualTo(Echoes.ECHO_DONE);
                }
            }
        }
    }

    @Test
    void echoedSequenceFansOutToEveryLocalSubscriber() {
        try (var actors = ActorNursery.open()) {
            var echoer = startEchoer(actors);

            try (var ctx = echoer.openContext(Echoes::echoSequences)) {
                assertThat(ctx.first()).isNull();
                var stream = ctx.openStream(Integer.class);
                try (var broadcast = broadcastOf(stream, SEQUENCE.size())) {
                    var subscriptions = new ArrayList<ReceiveChannel<Integer>>();
                    for (int i = 0; i < 11; i++) {
                        subscriptions.add(broadcast.subscribe());
                    }
                    stream.send(SEQUENCE);
                    Nursery.run(tasks -> {
                        for (var subscription : subscriptions) {
                            tasks.startSoon(() -> expectWholeSequence(subscription));
                        }
                        return null;
                    });
                }
                assertThat(ctx.result()).isNull();
            }
        }
    }

    @Test
    void slowSubscriberLagsOutThenResumesFromTheOldestRetainedValue() {
        try (var actors = ActorNursery.open()) {
            var echoer = startEchoer(actors);
            int window = 10;

            try (var ctx = echoer.openContext(Echoes::echoSequences)) {
                var stream = ctx.openStream(Integer.class);
                try (var broadcast = broadcastOf(stream, window)) {
                    var fast = broadcast.subscribe();
                    var slow = broadcast.subscribe();
                    var fastDone = new CountDownLatch(1);
                    stream.send(SEQUENCE);
                    Nursery.run(tasks -> {
                        tasks.startSoon("fast", () -> {
                            expectWholeSequence(fast);
                            fastDone.countDown();
                        });
                        tasks.startSoon("slow", () -> {
                            CancelScope.failAfter(BOUND, scope -> {
                                fastDone.await();
                                return null;
                            });
                            expectLagThenTail(slow, window);
                        });
                        return null;
                    });
                }
            }
        }
    }

    private static Portal startEchoer(ActorNursery actors) {
        return actors.startActor("sequence_echoer", SpawnOptions.exposing(Echoes.class));
    }

    private static BroadcastReceiver<Integer> broadcastOf(MsgStream<Integer> stream, int window) {
        return BroadcastReceiver.of(stream::receive, stream, window);
    }

    private static void expectWholeSequence(ReceiveChannel<Integer> subscription) {
        try (subscription) {
            for (int expected : SEQUENCE) {
                assertThat(subscription.receive()).isEqualTo(expected);
            }
        }
    }

    private static void expectLagThenTail(ReceiveChannel<Integer> subscription, int window) {
        try (subscription) {
            try {
                subscription.receive();
                throw new AssertionError("a subscriber " + SEQUENCE.size()
                        + " values behind did not lag");
            } catch (Lagged lagged) {
                assertThat(lagged.missed()).isEqualTo(SEQUENCE.size() - window);
            }
            for (int expected : SEQUENCE.subList(SEQUENCE.size() - window, SEQUENCE.size())) {
                assertThat(subscription.receive()).isEqualTo(expected);
            }
        }
    }
}
