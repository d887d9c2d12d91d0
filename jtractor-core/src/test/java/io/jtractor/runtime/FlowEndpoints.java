package io.jtractor.runtime;

import io.jtractor.Context;
import io.jtractor.PayloadTypes;
import io.jtractor.StreamOverrun;
import io.jtractor.sc.Tasks;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Endpoints for the flow-control and typed-payload tests; run in real child actors. */
public final class FlowEndpoints {

    private static final Map<String, CompletableFuture<String>> events =
            new ConcurrentHashMap<>();

    private FlowEndpoints() {
    }

    private static void record(String key, String value) {
        events.computeIfAbsent(key, k -> new CompletableFuture<>()).complete(value);
    }

    /** Waits, at most {@code millis}, until the child recorded {@code key}; null if it did not. */
    public static String event(String key, int millis) throws Exception {
        try {
            return events.computeIfAbsent(key, k -> new CompletableFuture<>())
                    .get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        }
    }

    /** Sends 0..n-1 as fast as flow control allows, then returns n. */
    public static int produce(Context ctx, int n) {
        ctx.started();
        try (var stream = ctx.openStream()) {
            for (int i = 0; i < n; i++) {
                stream.send(i);
            }
        }
        return n;
    }

    /** Sends forever; the parent is expected never to read (a stalled stream). */
    public static void produceForever(Context ctx) {
        ctx.started();
        try (var stream = ctx.openStream()) {
            for (long i = 0; ; i++) {
                stream.send(i);
            }
        }
    }

    /** Opens its stream and never reads it. */
    public static void neverRead(Context ctx) {
        ctx.started();
        try (var stream = ctx.openStream()) {
            Tasks.sleepForever();
        }
    }

    /** Echoes with a receive buffer of one message. */
    public static void echoWithBufferOfOne(Context ctx) {
        ctx.started();
        try (var stream = ctx.openStream(Object.class, 1)) {
            for (var msg : stream) {
                stream.send(msg);
            }
        }
    }

    /**
     * Sends {@code n} messages without waiting for the parent, then one more after the parent
     * had time to object; records the overrun it was told of.
     */
    public static void flood(Context ctx, int n, String key) {
        ctx.started();
        try (var stream = ctx.openStream()) {
            try {
                for (int i = 0; i < n; i++) {
                    stream.send(i);
                }
                stream.receive();
            } catch (StreamOverrun overrun) {
                record(key, "overrun sender=" + overrun.sender().name());
                throw overrun;
            }
        }
    }

    /**
     * Sends up to {@code n} messages without waiting for the parent and returns normally: at
     * once, or when the overrun it was told of stops it. Records how many it sent.
     */
    public static int floodAndReturn(Context ctx, int n, String key) {
        ctx.started();
        int sent = 0;
        try (var stream = ctx.openStream()) {
            while (sent < n) {
                stream.send(sent);
                sent++;
            }
        } catch (StreamOverrun told) {
            record(key, "told after " + sent);
            return sent;
        }
        record(key, "sent " + sent);
        return sent;
    }

    /** Declares Integer for started() and passes a String: the child must refuse to send. */
    @PayloadTypes(started = Integer.class)
    public static void startsWithTheWrongType(Context ctx) {
        ctx.started("eleven");
    }

    /** Declares Integer stream messages and sends a String after two good ones. */
    @PayloadTypes(started = Integer.class, stream = Integer.class)
    public static void streamsTheWrongType(Context ctx, String key) {
        ctx.started(2);
        try (var stream = ctx.openStream()) {
            stream.send(1);
            stream.send(2);
            stream.send("three");
            stream.receive();
        } catch (RuntimeException e) {
            record(key, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    public static String returnsText(Context ctx) {
        ctx.started();
        return "not a number";
    }
}
