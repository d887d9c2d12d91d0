package io.jtractor.runtime;

import io.jtractor.ActorNursery;
import io.jtractor.Context;
import io.jtractor.SpawnOptions;
import io.jtractor.sc.CancelScope;
import io.jtractor.sc.Cancelled;
import io.jtractor.internal.runtime.ActorRuntime;
import io.jtractor.sc.Tasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Endpoints the runtime tests call in real child actors. {@link #events} records what happened
 * inside the child process; tests read it back with {@link #event(String)}.
 */
public final class Endpoints {

    private static final Map<String, String> events = new ConcurrentHashMap<>();

    private Endpoints() {
    }

    // ---- plain functions -------------------------------------------------------------------

    public static int add(int a, int b) {
        return a + b;
    }

    public static String greet(String name) {
        return "hello " + name;
    }

    public static Point moved(Point p, int dx) {
        return new Point(p.x() + dx, p.y());
    }

    /** A list result: one value, not a stream. */
    public static List<Point> movedAll(List<Point> points, int dx) {
        return points.stream().map(p -> moved(p, dx)).toList();
    }

    /** A map result: one value. */
    public static Map<String, Integer> lengths(List<String> words) {
        var out = new java.util.TreeMap<String, Integer>();
        words.forEach(w -> out.put(w, w.length()));
        return out;
    }

    public static void fail(String text) {
        throw new IllegalStateException(text);
    }

    public static long pid() {
        return ProcessHandle.current().pid();
    }

    public static String event(String key) {
        return events.get(key);
    }

    public static int sleepThenReturn(int millis) {
        Tasks.sleep(Duration.ofMillis(millis));
        return millis;
    }

    public static void sleepForeverPlain(String key) {
        try {
            Tasks.sleepForever();
        } finally {
            record(key, "cancelled");
        }
    }

    // ---- streaming functions -------------------------------------------------------------

    public static Stream<Integer> count(int n) {
        return IntStream.range(0, n).boxed();
    }

    public static List<String> letters() {
        return List.of("a", "b", "c");
    }

    /** An Iterable that is not a Collection: streamed, one element at a time. */
    public static Iterable<String> spelled(String word) {
        return () -> word.chars().mapToObj(Character::toString).iterator();
    }

    public static Stream<Integer> countForever(String key) {
        return IntStream.iterate(0, i -> i + 1).boxed().onClose(() -> record(key, "closed"));
    }

    // ---- context functions -----------------------------------------------------------------

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

    public static void echo(Context ctx) {
        ctx.started();
        try (var stream = ctx.openStream()) {
            for (var msg : stream) {
                stream.send(msg);
            }
        }
    }

    /** Records in events[key] how it ended: "cancelled" or "returned". */
    public static void sleepForever(Context ctx, String key) {
        ctx.started();
        try {
            Tasks.sleepForever();
        } catch (Cancelled c) {
            record(key, "cancelled");
            throw c;
        }
    }

    public static void failBeforeStarted(Context ctx, String text) {
        throw new IllegalStateException(text);
    }

    public static void failAfterStarted(Context ctx, String text) {
        ctx.started("up");
        throw new IllegalStateException(text);
    }

    public static void failWhileStreaming(Context ctx, int afterMessages) {
        ctx.started();
        try (var stream = ctx.openStream(Integer.class)) {
            for (int i = 0; i < afterMessages; i++) {
                stream.receive();
            }
            throw new IllegalArgumentException("failed after " + afterMessages + " messages");
        }
    }

    /** Fails on its first stream message, with the stream left open. */
    public static void failOnFirstMessage(Context ctx) {
        ctx.started();
        var stream = ctx.openStream();
        throw new IllegalStateException("got " + stream.receive());
    }

    public static String returnWithoutStarted(Context ctx) {
        return "oops";
    }

    public static void startedTwice(Context ctx) {
        ctx.started(1);
        ctx.started(2);
    }

    public static void streamBeforeStarted(Context ctx) {
        try (var stream = ctx.openStream()) {
            stream.send("never");
        }
    }

    public static void twoStreams(Context ctx) {
        ctx.started();
        try (var first = ctx.openStream()) {
            ctx.openStream();
        }
    }

    /** Sends {@code n} messages then returns "done", without waiting for the parent to read. */
    public static String sendThenReturn(Context ctx, int n) {
        ctx.started();
        try (var stream = ctx.openStream()) {
            for (int i = 0; i < n; i++) {
                stream.send(i);
            }
        }
        return "done";
    }

    /** Seed #3 shape: cancels itself; opening a stream then raises; a checkpoint is Cancelled. */
    public static void cancelSelf(Context ctx, String key) {
        ctx.cancel();
        try {
            ctx.openStream();
            record(key, "stream opened");
        } catch (io.jtractor.ContextCancelled expected) {
            record(key, "stream refused");
        }
        try {
            CancelScope.failAfter(Duration.ofMillis(100), s -> {
                Tasks.sleepForever();
                return null;
            });
        } catch (Cancelled c) {
            record(key + ".checkpoint", "cancelled");
            throw c;
        }
    }

    /** Returns at once; a later cancel request must not change the outcome. */
    public static String quickReturn(Context ctx) {
        ctx.started();
        return "quick";
    }

    /** On cancellation, fails in its cleanup: the failure must reach the parent (C11). */
    public static void failDuringCleanup(Context ctx) {
        ctx.started();
        try {
            Tasks.sleepForever();
        } finally {
            throw new IllegalStateException("cleanup failed");
        }
    }

    /** Spawns a grandchild running {@code failAfterStarted} and relays its error (A10, E2). */
    public static void relayFromGrandchild(Context ctx, String text) {
        try (var actors = ActorNursery.open()) {
            var grandchild = actors.startActor("grandchild",
                    SpawnOptions.exposing(Endpoints.class));
            try (var inner = grandchild.openContext(Endpoints::failAfterStarted, text)) {
                ctx.started();
                inner.result();
            }
        }
    }

    /** Spawns a grandchild and returns its pid while keeping it alive until cancelled. */
    public static void holdGrandchild(Context ctx) {
        try (var actors = ActorNursery.open()) {
            var grandchild = actors.startActor("grandchild",
                    SpawnOptions.exposing(Endpoints.class));
            ctx.started(grandchild.run(Endpoints::pid));
            Tasks.sleepForever();
        }
    }

    /** Ignores cancellation: a shielded wait the runtime cannot interrupt (A6 ladder). */
    public static void ignoreCancellation(Context ctx) {
        ctx.started();
        CancelScope.shielded(s -> {
            while (true) {
                try {
                    Thread.sleep(Duration.ofSeconds(60));
                } catch (InterruptedException ignored) {
                    // deliberately deaf to cancellation
                }
            }
        });
    }

    // ---- supervision, errors and bad input (SupervisionTest, ErrorsTest, BadInputTest) -----

    /** Records an event and wakes {@link #awaitEvent} waiters. */
    static void record(String key, String value) {
        synchronized (events) {
            events.put(key, value);
            events.notifyAll();
        }
    }

    /** Waits at most {@code millis} for the event {@code key}; returns it, or null. */
    public static String awaitEvent(String key, int millis) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMillis(millis).toNanos();
        synchronized (events) {
            while (!events.containsKey(key)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                events.wait(Math.max(1, left / 1_000_000));
            }
            return events.get(key);
        }
    }

    /** A plain function with a value that fails (for runInActor). */
    public static String failing(String text) {
        throw new IllegalStateException(text);
    }

    /** Waits until cancelled, then fails in its cleanup with {@code text} (SPEC C11). */
    public static String failWhenCancelled(String text) {
        try {
            Tasks.sleepForever();
        } finally {
            throw new IllegalStateException(text);
        }
    }

    /** Waits until cancelled (for runInActor). */
    public static String waitForever(String key) {
        record(key, "waiting");
        Tasks.sleepForever();
        return "unreachable";
    }

    /**
     * Ignores cancellation; only SIGKILL ends its actor (the A6 ladder). On SIGTERM a shutdown
     * hook writes {@code term-PID} into {@code markerDir}, then waits (at most 10 s) until
     * {@code peers} such markers exist and writes {@code all-PID}: a peer torn down in series
     * would be killed before the others are terminated, and never write it. The hook then
     * blocks forever, so that the process can only end by SIGKILL. Records "deaf.ready" once
     * deaf.
     */
    public static int deafUntilKilled(String markerDir, int peers) {
        var dir = Path.of(markerDir);
        long pid = ProcessHandle.current().pid();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.writeString(dir.resolve("term-" + pid), "SIGTERM");
                if (awaitFiles(dir, "term-", peers, Duration.ofSeconds(10))) {
                    Files.writeString(dir.resolve("all-" + pid), "all terminated together");
                }
                new CountDownLatch(1).await();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("marker hook of " + pid + " failed", e);
            }
        }));
        return CancelScope.shielded(s -> {
            record("deaf.ready", "ready");
            var never = new CountDownLatch(1);
            while (true) {
                try {
                    never.await();
                } catch (InterruptedException ignored) {
                    // deaf to cancellation on purpose
                }
            }
        });
    }

    /** Waits, watching the directory, until it holds {@code count} files named prefix*. */
    private static boolean awaitFiles(Path dir, String prefix, int count, Duration bound)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        try (var watcher = dir.getFileSystem().newWatchService()) {
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            while (true) {
                try (var files = Files.list(dir)) {
                    if (files.filter(f -> f.getFileName().toString().startsWith(prefix))
                            .count() >= count) {
                        return true;
                    }
                }
                long left = deadline - System.nanoTime();
                var key = left > 0 ? watcher.poll(left, TimeUnit.NANOSECONDS) : null;
                if (key == null) {
                    return false;
                }
                key.pollEvents();
                key.reset();
            }
        }
    }

    /** The port of this actor's listener, for raw-socket tests. */
    public static int listenPort() {
        return ActorRuntime.current().addr().port();
    }

    /** The log level this actor's backend applies to jtractor's loggers. */
    public static String logLevel() {
        var probe = LoggerFactory.getLogger("io.jtractor");
        return probe.isTraceEnabled() ? "TRACE" : probe.isDebugEnabled() ? "DEBUG"
                : probe.isInfoEnabled() ? "INFO" : probe.isWarnEnabled() ? "WARN"
                : probe.isErrorEnabled() ? "ERROR" : "OFF";
    }

    /** Whether this process ignores SIGINT (Linux: bit 2 of SigIgn in /proc/self/status). */
    public static boolean ignoresSigint() throws IOException {
        return Signals.ignoresSigint(ProcessHandle.current().pid());
    }

    /**
     * Streams {@code chunkBytes}-byte chunks until cancelled; records "KEY.flowing" after the
     * first chunk is queued and "KEY" = "cancelled after N" when cancelled.
     */
    public static void flood(Context ctx, String key, int chunkBytes) {
        ctx.started();
        int sent = 0;
        try (var stream = ctx.openStream()) {
            var chunk = new byte[chunkBytes];
            while (true) {
                stream.send(chunk);
                if (++sent == 1) {
                    record(key + ".flowing", "flowing");
                }
            }
        } catch (Cancelled c) {
            record(key, "cancelled after " + sent);
            throw c;
        }
    }

    public record Point(int x, int y) {
    }

    /** Echoes {@code n - 1} messages inside its stream's scope, then fails on the n-th. */
    public static String failAfterEchoing(Context ctx, int n) {
        ctx.started(0);
        try (var stream = ctx.openStream(String.class)) {
            int left = n;
            for (String msg : stream) {
                if (--left == 0) {
                    throw new IllegalStateException("failed on message " + msg);
                }
                stream.send(msg);
            }
        }
        return "never";
    }

    /** Prints one line on the child's standard output and one on its standard error. */
    public static void say(String text) {
        System.out.println(text);
        System.err.println(text + " (on stderr)");
    }

    /** Finds this very actor through the registrar and opens a context to it. */
    public static void openContextToItself() {
        var self = io.jtractor.Discovery.waitForActor(io.jtractor.Actor.name(),
                Duration.ofSeconds(10));
        try (var ctx = self.openContext(Endpoints::quickReturn)) {
            ctx.result();
        }
    }
}
