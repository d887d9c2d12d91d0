package io.jtractor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.ActorNursery;
import io.jtractor.MsgStream;
import io.jtractor.Portal;
import io.jtractor.SpawnOptions;
import io.jtractor.sc.BroadcastReceiver;
import io.jtractor.sc.EndOfChannel;
import io.jtractor.sc.Lagged;
import io.jtractor.sc.Nursery;
import io.jtractor.testing.NoZombies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** Broadcast of one context stream to local subscriber tasks (SPEC S7). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class SubscribeTest {

    private ActorNursery actors;
    private Portal child;

    @BeforeAll
    void spawnChild() {
        actors = ActorNursery.open();
        child = actors.startActor("broadcaster", SpawnOptions.exposing(Endpoints.class));
    }

    @AfterAll
    void closeNursery() {
        actors.close();
        NoZombies.assertNoDescendants(Duration.ofSeconds(10));
    }

    /**
     * The stream is read at the pace of the fastest subscriber; with a buffer as large as the
     * whole sequence no subscriber can fall out of the window, however the tasks are scheduled.
     */
    @Test
    void twentyTwoSubscribersAllSeeTheSameThousandValuesInOrder() {
        var expected = IntStream.range(0, 1000).boxed().toList();
        try (var ctx = child.openContext(Endpoints::sendThenReturn, 1000)) {
            try (var stream = ctx.openStream(Integer.class, 1000)) {
                var subscribers = new ArrayList<MsgStream<Integer>>();
                for (int i = 0; i < 22; i++) {
                    subscribers.add(stream.subscribe());
                }
                var seen = new ArrayList<List<Integer>>();
                Nursery.run(tasks -> {
                    for (var subscriber : subscribers) {
                        var values = new ArrayList<Integer>();
                        seen.add(values);
                        tasks.startSoon(() -> subscriber.forEach(values::add));
                    }
                    return null;
                });
                assertThat(seen).hasSize(22).allSatisfy(v -> assertThat(v).isEqualTo(expected));
            }
            assertThat(ctx.result()).isEqualTo("done");
        }
    }

    @Test
    void aSlowSubscriberLagsByTheExactCountAndResumesAtTheOldestRetained() {
        try (var ctx = child.openContext(Endpoints::sendThenReturn, 200)) {
            try (var stream = ctx.openStream(Integer.class, 64)) {
                var fast = stream.subscribe();
                var slow = stream.subscribe();
                var skipping = stream.subscribe(BroadcastReceiver.LagPolicy.SKIP);
                for (int i = 0; i < 100; i++) {
                    assertThat(fast.receive()).isEqualTo(i);
                }
                assertThatThrownBy(slow::receive).isInstanceOfSatisfying(Lagged.class,
                        lagged -> assertThat(lagged.missed()).isEqualTo(36));
                assertThat(slow.receive()).isEqualTo(36);
                assertThat(skipping.receive()).isEqualTo(36);
                slow.close();
                for (int i = 100; i < 200; i++) {
                    assertThat(fast.receive()).isEqualTo(i);
                }
                assertThatThrownBy(fast::receive).isInstanceOf(EndOfChannel.class);
            }
            assertThat(ctx.result()).isEqualTo("done");
        }
    }

    @Test
    void aSubscribersSendGoesToTheUnderlyingStream() {
        try (var ctx = child.openContext(Endpoints::echo)) {
            try (var stream = ctx.openStream(String.class)) {
                var first = stream.subscribe();
                var second = stream.subscribe();
                first.send("hello");
                assertThat(first.receive()).isEqualTo("hello");
                assertThat(second.receive()).isEqualTo("hello");
                second.close();
                first.send("again");
                assertThat(first.receive()).isEqualTo("again");
            }
        }
    }
}
