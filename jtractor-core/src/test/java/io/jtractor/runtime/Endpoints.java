package io.jtractor.runtime;

import io.jtractor.Context;
import io.jtractor.sc.CancelScope;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Endpoints the runtime tests call in real child actors. */
public final class Endpoints {

    private Endpoints() {
    }

    public static int add(int a, int b) {
        return a + b;
    }

    public static String greet(String name) {
        return "hello " + name;
    }

    public static Point moved(Point p, int dx) {
        return new Point(p.x() + dx, p.y());
    }

    public static void fail(String text) {
        throw new IllegalStateException(text);
    }

    public static long pid() {
        return ProcessHandle.current().pid();
    }

    public static Stream<Integer> count(int n) {
        return IntStream.range(0, n).boxed();
    }

    public static List<String> letters() {
        return List.of("a", "b", "c");
    }

    /** Ping-pong server: started(data + 1), answers each ping with pong, returns the count. */
    public static String pingPong(Context ctx, int data) {
        ctx.started(data + 1);
        int pings = 0;
        try (var stream = ctx.openStream(String.class)) {
            for (String msg : stream) {
                if (!msg.equals("ping")) {
                    throw new IllegalArgumentException("expected ping, got " + msg);
                }
                stream.send("pong");
                pings++;
            }
        }
        return "served " + pings;
    }

    public static void sleepForever(Context ctx) {
        ctx.started();
        CancelScope.failAfter(Duration.ofDays(1), s -> {
            new java.util.concurrent.CountDownLatch(1).await();
            return null;
        });
    }

    public static void failBeforeStarted(Context ctx, String text) {
        throw new IllegalStateException(text);
    }

    public static String returnWithoutStarted(Context ctx) {
        return "oops";
    }

    public record Point(int x, int y) {
    }
}
