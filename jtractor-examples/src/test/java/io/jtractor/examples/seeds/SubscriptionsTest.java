package io.jtractor.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.ActorNursery;
import io.jtractor.MsgStream;
import io.jtractor.Portal;
import io.jtractor.RemoteActorException;
import io.jtractor.SpawnOptions;
import io.jtractor.sc.Nursery;
import io.jtractor.testing.NoZombies;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed #4: a publisher's per-topic registry of subscriber streams, in a real child. */
@ExtendWith(NoZombies.class)
@Timeout(60)
class SubscriptionsTest {

    private static final int VALUES_PER_CHECK = 20;

    @Test
    void subscribersGetEveryValueOfTheirTopicsAndNothingElse() {
        try (var actors = ActorNursery.open()) {
            var publisher = startPublisher(actors);

            try (var publishing = publisher.openContext(Subscriptions::publisher, 0)) {
                Nursery.run(tasks -> {
                    tasks.startSoon("even", () -> expectTopics(publisher, "even"));
                    tasks.startSoon("odd", () -> expectTopics(publisher, "odd"));
                    tasks.startSoon("both", () -> expectTopics(publisher, "even", "odd"));
                    tasks.startSoon("switching", () -> switchTopics(publisher));
                    return null;
                });
                assertThat(publisher.run(Subscriptions::subscriberCount, "even")).isZero();
                assertThat(publisher.run(Subscriptions::subscriberCount, "odd")).isZero();
            }
        }
    }

    @Test
    void unknownTopicFailsTheSubscription() {
        try (var actors = ActorNursery.open()) {
            var publisher = startPublisher(actors);

            try (var ctx = publisher.openContext(Subscriptions::subscribe);
                    var stream = ctx.openStream(Integer.class)) {
                stream.send(List.of("prime"));
                assertThatThrownBy(ctx::result).isInstanceOfSatisfying(
                        RemoteActorException.class, e -> {
                            assertThat(e.boxes(IllegalArgumentException.class)).isTrue();
                            assertThat(e.remoteMessage()).contains("prime");
                        });
            }
            assertThat(publisher.run(Subscriptions::subscriberCount, "even")).isZero();
        }
    }

    private static Portal startPublisher(ActorNursery actors) {
        return actors.startActor("publisher", SpawnOptions.exposing(Subscriptions.class));
    }

    /**
     * Subscribes to {@code topics} and checks that the values that come are exactly every
     * value of those topics, in order.
     */
    private static void expectTopics(Portal publisher, String... topics) {
        int step = topics.length == 2 ? 1 : 2;
        try (var ctx = publisher.openContext(Subscriptions::subscribe);
                var stream = ctx.openStream(Integer.class)) {
            stream.send(List.of(topics));
            int previous = stream.receive();
            if (step == 2) {
                assertThat(parity(previous)).isEqualTo(topics[0]);
            }
            for (int i = 0; i < VALUES_PER_CHECK; i++) {
                int value = stream.receive();
                assertThat(value).as("the value after %d for %s", previous, List.of(topics))
                        .isEqualTo(previous + step);
                previous = value;
            }
        }
    }

    /**
     * Flips one subscription between the topics: once the first value of the new topic has
     * come, only values of that topic come, each one.
     */
    private static void switchTopics(Portal publisher) {
        try (var ctx = publisher.openContext(Subscriptions::subscribe);
                var stream = ctx.openStream(Integer.class)) {
            for (var topic : List.of("even", "odd", "even", "odd")) {
                stream.send(List.of(topic));
                int previous = firstValueOf(stream, topic);
                for (int i = 0; i < VALUES_PER_CHECK / 4; i++) {
                    int value = stream.receive();
                    assertThat(value).isEqualTo(previous + 2);
                    previous = value;
                }
            }
        }
    }

    private static int firstValueOf(MsgStream<Integer> stream, String topic) {
        while (true) {
            int value = stream.receive();
            if (parity(value).equals(topic)) {
                return value;
            }
        }
    }

    private static String parity(int value) {
        return value % 2 == 0 ? "even" : "odd";
    }
}
