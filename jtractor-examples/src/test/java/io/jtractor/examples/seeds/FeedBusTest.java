package io.jtractor.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.ActorNursery;
import io.jtractor.Context;
import io.jtractor.ContextCancelled;
import io.jtractor.MsgStream;
import io.jtractor.Portal;
import io.jtractor.RemoteActorException;
import io.jtractor.SpawnOptions;
import io.jtractor.sc.Nursery;
import io.jtractor.testing.NoZombies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed #26: a broker daemon's feed bus and its pause/resume control protocol. */
@ExtendWith(NoZombies.class)
@Timeout(60)
class FeedBusTest {

    private static final String BROKER = "fake";
    private static final long POLL_SECONDS = 10;

    @Test
    void pauseStopsTheQuotesUntilResumeAndUnknownControlFails() throws Exception {
        try (var actors = ActorNursery.open()) {
            var brokerd = startBrokerd(actors);

            try (var service = brokerd.openContext(FeedBus::openBrokerdService, BROKER);
                    var bus = openBus(brokerd, "BTCUSDT", null)) {
                assertThat(service.first()).isNull();
                var first = Decoded.list(bus.first());
                assertThat(Decoded.map(first.get(0))).containsKey("BTCUSDT");
                var firstQuotes = Decoded.map(first.get(1));
                assertThat(firstQuotes).containsOnlyKeys("btcusdt.fake", "BTCUSDT.fake");

                try (var stream = bus.openStream()) {
                    assertThat(stream.receive()).isEqualTo(Map.of("btcusdt.fake", firstQuotes));
                    try (var tasks = Nursery.open()) {
                        var ticks = collectTicks(tasks, stream, "btcusdt.fake");
                        expectConsecutive(ticks, 5);

                        stream.send("pause");
                        assertThat(awaitSubscribers(brokerd, "BTCUSDT", 0)).isTrue();
                        long paused = brokerd.run(FeedBus::currentTick, BROKER, "BTCUSDT");
                        assertThat(brokerd.run(FeedBus::awaitTick, BROKER, "BTCUSDT", paused + 3))
                                .isTrue();
                        stream.send("resume");
                        var afterPause = takeUntilAbove(ticks, paused + 3);
                        assertThat(afterPause).as("ticks produced while paused")
                                .noneMatch(tick -> tick > paused && tick <= paused + 3);

                        stream.send("resume");
                        stream.send("pause");
                        assertThat(awaitSubscribers(brokerd, "BTCUSDT", 0))
                                .as("a second resume does not subscribe twice").isTrue();
                        tasks.cancel();
                    }
                    stream.send("stop");
                    assertThatThrownBy(bus::result).isInstanceOfSatisfying(
                            RemoteActorException.class, e -> {
                                assertThat(e.boxes(IllegalArgumentException.class)).isTrue();
                                assertThat(e.remoteMessage()).contains("\"stop\"");
                            });
                }
            }
        }
    }

    @Test
    void feedIsSharedBySubscribersAndOutlivesThemUntilTheServiceEnds() throws Exception {
        try (var actors = ActorNursery.open()) {
            var brokerd = startBrokerd(actors);

            try (var service = brokerd.openContext(FeedBus::openBrokerdService, BROKER)) {
                assertThat(service.first()).isNull();
                try (var a = openBus(brokerd, "ethusdt", null);
                        var aStream = a.openStream();
                        var b = openBus(brokerd, "ethusdt", null);
                        var bStream = b.openStream();
                        var tasks = Nursery.open()) {
                    assertThat(brokerd.run(FeedBus::feedsAllocated, BROKER)).isEqualTo(1);
                    aStream.receive();
                    bStream.receive();
                    var aTicks = collectTicks(tasks, aStream, "ethusdt.fake");
                    var bTicks = collectTicks(tasks, bStream, "ethusdt.fake");
                    expectConsecutive(aTicks, 3);
                    expectConsecutive(bTicks, 3);

                    aStream.send("pause");
                    assertThat(awaitSubscribers(brokerd, "ethusdt", 1)).isTrue();
                    long paused = brokerd.run(FeedBus::currentTick, BROKER, "ethusdt");
                    takeUntilAbove(bTicks, paused + 3);
                    assertThat(aTicks).as("ticks of the paused subscriber")
                            .allMatch(tick -> tick <= paused);
                    tasks.cancel();
                }
                assertThat(awaitSubscribers(brokerd, "ethusdt", 0)).isTrue();
                long last = brokerd.run(FeedBus::currentTick, BROKER, "ethusdt");
                assertThat(brokerd.run(FeedBus::awaitTick, BROKER, "ethusdt", last + 2))
                        .as("the feed persists without subscribers").isTrue();
                assertThat(brokerd.run(FeedBus::feedsAllocated, BROKER)).isEqualTo(1);

                try (var quiet = brokerd.openContext(FeedBus::openFeedBus, BROKER, "ethusdt",
                        null, false)) {
                    assertThat(Decoded.list(quiet.first())).hasSize(2);
                    quiet.cancel();
                    assertThat(quiet.result()).isInstanceOf(ContextCancelled.class);
                }
            }
            assertThat(brokerd.run(FeedBus::feedsAllocated, BROKER))
                    .as("the feeds end with the service").isZero();
        }
    }

    @Test
    void throttledSubscriberGetsOnlyTheNewestQuotesAtABoundedRate() throws Exception {
        try (var actors = ActorNursery.open()) {
            var brokerd = startBrokerd(actors);

            try (var service = brokerd.openContext(FeedBus::openBrokerdService, BROKER)) {
                assertThat(service.first()).isNull();
                try (var bus = openBus(brokerd, "solusdt", 50.0);
                        var stream = bus.openStream();
                        var tasks = Nursery.open()) {
                    stream.receive();
                    var ticks = collectTicks(tasks, stream, "solusdt.fake");
                    var seen = new ArrayList<Long>();
                    for (int i = 0; i < 10; i++) {
                        seen.add(poll(ticks));
                    }
                    assertThat(brokerd.run(FeedBus::runningThrottles)).isEqualTo(1);
                    for (int i = 1; i < seen.size(); i++) {
                        assertThat(seen.get(i)).isGreaterThan(seen.get(i - 1));
                    }
                    assertThat(seen.get(seen.size() - 1) - seen.get(0))
                            .as("quotes skipped between throttled sends")
                            .isGreaterThan(seen.size() - 1);
                    tasks.cancel();
                }
                assertThat(brokerd.run(FeedBus::runningThrottles))
                        .as("the rate limiter ends with its subscriber").isZero();
            }
        }
    }

    private static Portal startBrokerd(ActorNursery actors) {
        return actors.startActor("brokerd.fake", SpawnOptions.exposing(FeedBus.class));
    }

    private static Context openBus(Portal brokerd, String symbol, Double throttle) {
        return brokerd.openContext(FeedBus::openFeedBus, BROKER, symbol, throttle, true);
    }

    private static boolean awaitSubscribers(Portal brokerd, String symbol, int count) {
        return brokerd.run(FeedBus::awaitSubscribers, BROKER, symbol, count);
    }

    /**
     * Starts a task that reads every quote from {@code stream} and queues its tick number, so
     * that the feed is never held up by this side while the test waits for something else.
     */
    private static BlockingQueue<Long> collectTicks(Nursery tasks, MsgStream<Object> stream,
            String fqsn) {
        var ticks = new LinkedBlockingQueue<Long>();
        tasks.startSoon("collect-" + fqsn, () -> {
            for (Object msg : stream) {
                var quote = Decoded.map(Decoded.map(msg).get(fqsn));
                ticks.add(((Number) quote.get("tick")).longValue());
            }
        });
        return ticks;
    }

    private static long poll(BlockingQueue<Long> ticks) throws InterruptedException {
        var tick = ticks.poll(POLL_SECONDS, TimeUnit.SECONDS);
        assertThat(tick).as("a quote within %d s", POLL_SECONDS).isNotNull();
        return tick;
    }

    private static void expectConsecutive(BlockingQueue<Long> ticks, int count)
            throws InterruptedException {
        long previous = poll(ticks);
        for (int i = 1; i < count; i++) {
            long tick = poll(ticks);
            assertThat(tick).isEqualTo(previous + 1);
            previous = tick;
        }
    }

    /** Takes ticks until one above {@code threshold} arrives; returns every tick taken. */
    private static List<Long> takeUntilAbove(BlockingQueue<Long> ticks, long threshold)
            throws InterruptedException {
        var taken = new ArrayList<Long>();
        long tick;
        do {
            tick = poll(ticks);
            taken.add(tick);
        } while (tick <= threshold);
        return taken;
    }
}
