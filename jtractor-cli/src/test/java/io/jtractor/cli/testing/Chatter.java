package io.jtractor.cli.testing;

import io.jtractor.Actor;
import io.jtractor.Context;
import io.jtractor.sc.Tasks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Endpoints that the tool tests expose in daemons and call with {@code jtractor call}, or
 * from other daemons. {@link #event(String)} reads back what happened inside the daemon.
 */
public final class Chatter {

    private static final Map<String, String> events = new ConcurrentHashMap<>();

    private Chatter() {
    }

    public static String greet(String name) {
        return "hello " + name + " from " + Actor.name();
    }

    public static Map<String, Object> describe(List<Integer> numbers, Map<String, Object> extra) {
        var out = new LinkedHashMap<String, Object>();
        out.put("actor", Actor.name());
        out.put("sum", numbers.stream().mapToInt(Integer::intValue).sum());
        out.put("extra", extra);
        return out;
    }

    /** A list result: a plain function, printed as one JSON value. */
    public static List<Integer> evens(int n) {
        return IntStream.range(0, n).map(i -> 2 * i).boxed().toList();
    }

    public static long pid() {
        return ProcessHandle.current().pid();
    }

    public static Stream<Integer> count(int n) {
        return IntStream.range(0, n).boxed();
    }

    /** Streams until cancelled, one element every 20 ms; records its end under {@code key}. */
    public static Stream<Integer> ticks(String key) {
        return IntStream.iterate(0, i -> i + 1).boxed().peek(i -> Tasks.sleep(
                Duration.ofMillis(20))).onClose(() -> events.put(key, "closed"));
    }

    public static String event(String key) {
        return events.getOrDefault(key, "none");
    }

    public static void fail(String text) {
        throw new IllegalStateException(text);
    }

    /** A context that counts down on its stream, then returns. */
    public static String countdown(Context ctx, int from) {
        ctx.started("counting down from " + from);
        try (var stream = ctx.openStream()) {
            for (int i = from; i > 0; i--) {
                stream.send(i);
            }
        }
        return "liftoff";
    }

    /** A context that waits for one message from the caller and returns it. */
    public static String awaitOne(Context ctx) {
        ctx.started("waiting");
        try (var stream = ctx.openStream(String.class)) {
            return "got " + stream.receive();
        }
    }

    /** A context that answers every message with a numbered pong until the caller stops. */
    public static String pingPong(Context ctx, int expected) {
        ctx.started(Actor.name() + " expects " + expected);
        int served = 0;
        try (var stream = ctx.openStream(String.class)) {
            for (String ping : stream) {
                stream.send(Actor.name() + " pong " + served + " for " + ping);
                served++;
            }
        }
        return Actor.name() + " served " + served;
    }
}
