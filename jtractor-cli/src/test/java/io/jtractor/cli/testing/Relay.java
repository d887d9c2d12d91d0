package io.jtractor.cli.testing;

import io.jtractor.Actor;
import io.jtractor.Discovery;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoints of one daemon that find another daemon by name through the registrar and talk to
 * it over a context or a stream: separate programs calling each other (D5).
 */
public final class Relay {

    private Relay() {
    }

    /** Plays {@code rounds} of ping-pong over a context with {@code peer}; reports it. */
    public static String pingPeer(String peer, int rounds) {
        var portal = Discovery.findActor(peer).orElseThrow(() -> new IllegalStateException(
                "no actor named '" + peer + "' is registered"));
        var replies = new ArrayList<String>();
        String summary;
        try (var ctx = portal.openContext(Chatter::pingPong, rounds)) {
            replies.add(ctx.first(String.class));
            try (var stream = ctx.openStream(String.class)) {
                for (int i = 0; i < rounds; i++) {
                    stream.send(Actor.name() + " ping " + i);
                    replies.add(stream.receive());
                }
            }
            summary = ctx.result(String.class);
        }
        return String.join("; ", replies) + "; " + summary;
    }

    /** Sums what {@code peer}'s {@code count(n)} streams to this actor. */
    public static long sumFromPeer(String peer, int n) {
        var portal = Discovery.findActor(peer).orElseThrow(() -> new IllegalStateException(
                "no actor named '" + peer + "' is registered"));
        long sum = 0;
        try (var stream = portal.<Integer, Integer>openStreamFrom(Chatter::count, n)) {
            for (int value : stream) {
                sum += value;
            }
        }
        return sum;
    }

    /** The names of the actors the registrar knows, as this actor sees them. */
    public static String registered() {
        List<String> names = Discovery.registeredActors().stream().map(a -> a.name()).sorted()
                .toList();
        return String.join(",", names);
    }
}
