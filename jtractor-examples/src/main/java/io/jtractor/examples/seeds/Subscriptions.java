package io.jtractor.examples.seeds;

import io.jtractor.Context;
import io.jtractor.MsgStream;
import io.jtractor.RemoteActorException;
import io.jtractor.TransportClosed;
import io.jtractor.sc.ClosedResourceException;
import io.jtractor.sc.Tasks;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A publisher with a per-topic registry of subscriber streams: integers go to the
 * {@code "even"} or {@code "odd"} topic, and each subscriber chooses, and may change, the topics
 * it wants by sending topic lists on its own context stream.
 */
public final class Subscriptions {

    /** The topics of the registry. */
    public static final Set<String> TOPICS = Set.of("even", "odd");

    /** The publisher's pause between two values (about 1 kHz). */
    private static final Duration PUBLISH_PAUSE = Duration.ofMillis(1);

    /** Topic to the streams subscribed to it; written by subscribe tasks and the publisher. */
    private static final Map<String, Set<MsgStream<?>>> registry = Map.of(
            "even", ConcurrentHashMap.newKeySet(),
            "odd", ConcurrentHashMap.newKeySet());

    private Subscriptions() {
    }

    /**
     * Seed #4: registers the caller's stream for each topic list it receives, replacing the
     * previous choice, and unregisters it when the stream ends.
     *
     * @throws IllegalArgumentException for a topic other than {@code even} and {@code odd}
     */
    public static void subscribe(Context ctx) {
        ctx.started(null);
        try (var stream = ctx.openStream(String[].class)) {
            try {
                for (String[] topics : stream) {
                    resubscribe(stream, Set.copyOf(Arrays.asList(topics)));
                }
            } finally {
                resubscribe(stream, Set.of());
            }
        }
    }

    private static void resubscribe(MsgStream<?> stream, Set<String> wanted) {
        for (var topic : wanted) {
            if (!TOPICS.contains(topic)) {
                throw new IllegalArgumentException("unknown topic \"" + topic + "\"; the topics"
                        + " are " + TOPICS);
            }
        }
        // leave old topics before joining new ones, so that no value of a topic left can
        // follow the first value of a topic joined
        registry.forEach((topic, streams) -> {
            if (!wanted.contains(topic)) {
                streams.remove(stream);
            }
        });
        wanted.forEach(topic -> registry.get(topic).add(stream));
    }

    /**
     * Seed #4 (the reference test's publisher): publishes {@code seed}, {@code seed + 1}, ... at
     * about 1 kHz, each to the streams subscribed to its parity, until cancelled. A subscriber
     * that has gone is dropped from the registry.
     */
    public static void publisher(Context ctx, int seed) {
        ctx.started();
        for (int value = seed; ; value++) {
            var topic = value % 2 == 0 ? "even" : "odd";
            for (var stream : registry.get(topic)) {
                sendOrDrop(stream, value);
            }
            Tasks.sleep(PUBLISH_PAUSE);
        }
    }

    private static void sendOrDrop(MsgStream<?> stream, int value) {
        try {
            stream.send(value);
        } catch (ClosedResourceException | RemoteActorException | TransportClosed gone) {
            registry.values().forEach(streams -> streams.remove(stream));
        }
    }

    /** Seed #4: how many streams are subscribed to {@code topic} now. */
    public static int subscriberCount(String topic) {
        var streams = registry.get(topic);
        if (streams == null) {
            throw new IllegalArgumentException("unknown topic \"" + topic + "\"; the topics are "
                    + TOPICS);
        }
        return streams.size();
    }
}
