package io.jtractor.bench.workloads;

import io.jtractor.ActorNursery;
import io.jtractor.Portal;
import io.jtractor.StreamOptions;
import io.jtractor.sc.BroadcastReceiver;
import io.jtractor.sc.EndOfChannel;
import io.jtractor.sc.Lagged;
import io.jtractor.sc.Nursery;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * The throughput workloads: a one-way stream from a child actor over a context (flow control
 * on), and the same stream fanned out to {@value #SUBSCRIBERS} local subscribers with
 * {@code stream.subscribe()}; each against a raw peer in a second JVM that writes the same
 * {@code Yield} frames through a 64 KiB buffer, read by minimal code.
 *
 * <p>Both sides first warm up, in alternating rounds, until the JIT compilers of the three JVMs
 * are quiet ({@link Warmup}); then each runs two calibration rounds, the second of which sizes
 * its measured rounds to about {@code roundTarget}. The measured rounds alternate between the
 * two sides; the job reports the median rate and the costs per message ({@link Costs}). A round
 * is bounded by its message count. Nothing is pinned: both CPUs serve both processes.
 */
final class Throughput {

    static final int SUBSCRIBERS = 8;
    /** The most messages a broadcast retains; a round of at most this many loses none. */
    static final int MAX_BROADCAST_WINDOW = 1 << 21;
    static final int BROADCAST_PAYLOAD_BYTES = 8;

    private static final long MIN_ROUND_MESSAGES = 10_000;
    private static final long MAX_ROUND_MESSAGES = 50_000_000;

    /**
     * What one round did: the messages delivered, those a lagging subscriber missed (a
     * broadcast only), and how long it took.
     */
    record Outcome(long messages, long missed, long nanos) {
        double perSecond() {
            return messages * 1e9 / nanos;
        }
    }

    /** One round: {@code count} messages from the source, however many deliveries that makes. */
    @FunctionalInterface
    interface Round {
        Outcome run(long count) throws Exception;
    }

    /**
     * Warm-up sizes and bound, the number of measured rounds and how long each should take.
     *
     * @param jtractorWarmup messages of a jtractor warm-up round
     * @param rawWarmup messages of a raw warm-up round
     * @param warmupBound the longest the warm-up (until the JIT is quiet) may take
     * @param rounds measured rounds of each side, alternating
     * @param roundTarget how long a measured round should take
     */
    record Plan(long jtractorWarmup, long rawWarmup, Duration warmupBound, int rounds,
            Duration roundTarget) {

        static Plan of(boolean quick, int payloadBytes) {
            long scale = payloadBytes > 64 ? 5 : 1;
            return quick
                    ? new Plan(20_000 / scale, 200_000 / scale, Duration.ofSeconds(6), 2,
                            Duration.ofMillis(400))
                    : new Plan(20_000 / scale, 200_000 / scale, Duration.ofSeconds(15), 3,
                            Duration.ofSeconds(1));
        }
    }

    private Throughput() {
    }

    /**
     * One-way stream of {@code payload} bytes per message (setting {@code payload}), received
     * with the runtime's default buffer, or with {@code window} messages (a diagnostic setting:
     * what flow control costs).
     */
    static void stream(JobArgs args) throws Exception {
        int payloadBytes = args.intValue("payload", 8);
        int window = args.intValue("window", 0);
        boolean overrunPolicy = args.intValue("overrun", 0) == 1;
        var plan = Plan.of(args.quick(), payloadBytes);
        try (var actors = ActorNursery.open()) {
            var portal = actors.startActor("stream-peer", BenchEndpoints.spawnOptions());
            long childPid = portal.run(BenchEndpoints::pid);
            var frame = Frames.yield(UUID.randomUUID().toString(), new byte[payloadBytes]);
            Results.value("frame_bytes", frame.length);
            try (var raw = RawLink.open("source", frame, Jvms.optionsOf(childPid))) {
                var receiving = overrunPolicy ? portal.withStreamOptions(StreamOptions.defaults()
                        .withMsgBufferSize(OVERRUN_BUFFER).withOverrunPolicy()) : portal;
                compare(plan, portal,
                        count -> streamRound(receiving, count, payloadBytes, window),
                        Latency.costs(portal, childPid), count -> rawStreamRound(raw, count),
                        new Costs(raw.pid(), null));
            }
        }
    }

    /**
     * A diagnostic: the same stream received with each of several buffers ({@code windows}, a
     * comma-separated list of message counts, 0 for flow control off: the overrun policy with
     * a buffer no fast consumer fills), in alternating rounds between one pair of processes,
     * so that the ratios hold even while the machine's load drifts. Reports each buffer's
     * median rate as {@code window_N.msgs_per_s} and, from Little's law, the credit round trip
     * that rate implies, {@code window_N.cycle_us} (N messages per round trip).
     */
    static void streamWindows(JobArgs args) throws Exception {
        int payloadBytes = args.intValue("payload", 8);
        var windows = Arrays.stream(args.get("windows", "64,128,256,1024,0").split(","))
                .mapToInt(Integer::parseInt).toArray();
        var plan = Plan.of(args.quick(), payloadBytes);
        try (var actors = ActorNursery.open()) {
            var portal = actors.startActor("stream-peer", BenchEndpoints.spawnOptions());
            var off = portal.withStreamOptions(StreamOptions.defaults()
                    .withMsgBufferSize(OVERRUN_BUFFER).withOverrunPolicy());
            var rounds = new Round[windows.length];
            for (int i = 0; i < windows.length; i++) {
                int window = windows[i];
                rounds[i] = window == 0 ? count -> streamRound(off, count, payloadBytes, 0)
                        : count -> streamRound(portal, count, payloadBytes, window);
            }
            Warmup.untilJitQuiet(() -> {
                for (var round : rounds) {
                    round.run(plan.jtractorWarmup());
                }
            }, () -> portal.run(BenchEndpoints::compileMillis), plan.warmupBound());
            var counts = new long[windows.length];
            for (int i = 0; i < windows.length; i++) {
                counts[i] = calibrate(rounds[i], plan.jtractorWarmup(), plan.roundTarget());
            }
            int repeats = 2 * plan.rounds() + 1;
            var rates = new double[windows.length][repeats];
            for (int r = 0; r < repeats; r++) {
                for (int i = 0; i < windows.length; i++) {
                    rates[i][r] = rounds[i].run(counts[i]).perSecond();
                }
            }
            for (int i = 0; i < windows.length; i++) {
                double rate = Samples.median(rates[i]);
                var key = "window_" + (windows[i] == 0 ? "off" : windows[i]);
                Results.value(key + ".msgs_per_s", rate);
                Results.value(key + ".min_msgs_per_s", Arrays.stream(rates[i]).min().orElse(0));
                Results.value(key + ".max_msgs_per_s", Arrays.stream(rates[i]).max().orElse(0));
                if (windows[i] > 0) {
                    Results.value(key + ".cycle_us", windows[i] * 1e6 / rate);
                }
            }
        }
    }

    /** The stream of 8-byte messages fanned out to {@value #SUBSCRIBERS} subscribers. */
    static void broadcast(JobArgs args) throws Exception {
        var plan = Plan.of(args.quick(), BROADCAST_PAYLOAD_BYTES);
        try (var actors = ActorNursery.open()) {
            var portal = actors.startActor("broadcast-peer", BenchEndpoints.spawnOptions());
            long childPid = portal.run(BenchEndpoints::pid);
            var frame = Frames.yield(UUID.randomUUID().toString(),
                    new byte[BROADCAST_PAYLOAD_BYTES]);
            try (var raw = RawLink.open("source", frame, Jvms.optionsOf(childPid))) {
                compare(plan, portal, count -> broadcastRound(portal, count),
                        Latency.costs(portal, childPid), count -> rawBroadcastRound(raw, count),
                        new Costs(raw.pid(), null));
            }
        }
    }

    private static void compare(Plan plan, Portal portal, Round jtractor, Costs jtractorCosts,
            Round raw, Costs rawCosts) throws Exception {
        Warmup.untilJitQuiet(() -> {
            jtractor.run(plan.jtractorWarmup());
            raw.run(plan.rawWarmup());
        }, () -> portal.run(BenchEndpoints::compileMillis), plan.warmupBound());
        long jtractorCount = calibrate(jtractor, plan.jtractorWarmup(), plan.roundTarget());
        long rawCount = calibrate(raw, plan.rawWarmup(), plan.roundTarget());
        var jtractorOutcomes = new Outcome[plan.rounds()];
        var rawOutcomes = new Outcome[plan.rounds()];
        for (int i = 0; i < plan.rounds(); i++) {
            int round = i;
            jtractorCosts.measure(() -> {
                jtractorOutcomes[round] = jtractor.run(jtractorCount);
                return jtractorCount;
            });
            rawCosts.measure(() -> {
                rawOutcomes[round] = raw.run(rawCount);
                return rawCount;
            });
        }
        report("jtractor", jtractorCount, jtractorOutcomes);
        report("raw", rawCount, rawOutcomes);
        jtractorCosts.report("jtractor");
        rawCosts.report("raw");
    }

    private static void report(String system, long roundMessages, Outcome[] outcomes) {
        var rates = new double[outcomes.length];
        long delivered = 0;
        long missed = 0;
        for (int i = 0; i < outcomes.length; i++) {
            rates[i] = outcomes[i].perSecond();
            delivered += outcomes[i].messages();
            missed += outcomes[i].missed();
        }
        Results.value(system + ".msgs_per_s", Samples.median(rates));
        Results.value(system + ".round_messages", roundMessages);
        Results.value(system + ".missed_fraction", (double) missed / (delivered + missed));
    }

    /** Two warm-up rounds; returns the count that the second one's rate does in {@code target}. */
    private static long calibrate(Round round, long warmup, Duration target) throws Exception {
        round.run(warmup);
        var outcome = round.run(warmup);
        double sourceRate = warmup * 1e9 / outcome.nanos();
        long count = (long) (sourceRate * target.toNanos() / 1e9);
        return Math.clamp(count, MIN_ROUND_MESSAGES, MAX_ROUND_MESSAGES);
    }

    // ---- one-way stream ----------------------------------------------------------------------

    /** One round of the stream; {@code window} 0 for the runtime's default buffer. */
    /**
     * The receive buffer when flow control is off (the overrun policy): larger than anything a
     * fast consumer lets pile up, so nothing is dropped and the figure is the cost of the path.
     */
    private static final int OVERRUN_BUFFER = 1 << 20;

    private static Outcome streamRound(Portal portal, long count, int payloadBytes,
            int window) {
        try (var ctx = portal.openContext(BenchEndpoints::produce, count, payloadBytes)) {
            long start = System.nanoTime();
            long nanos;
            try (var stream = window > 0 ? ctx.openStream(byte[].class, window)
                    : ctx.openStream(byte[].class)) {
                for (long i = 0; i < count; i++) {
                    stream.receive();
                }
                nanos = System.nanoTime() - start;
            }
            long sent = ctx.result(Long.class);
            if (sent != count) {
                throw new IllegalStateException("the child sent " + sent + " of " + count);
            }
            return new Outcome(count, 0, nanos);
        }
    }

    private static Outcome rawStreamRound(RawLink raw, long count) throws IOException {
        long start = System.nanoTime();
        raw.requestFrames(count);
        for (long i = 0; i < count; i++) {
            raw.readFrame();
        }
        return new Outcome(count, 0, System.nanoTime() - start);
    }

    // ---- broadcast ---------------------------------------------------------------------------

    /**
     * The jtractor fan-out: {@value #SUBSCRIBERS} subscribers of the context stream
     * ({@code stream.subscribe()}), whose buffer, hence the broadcast's window, holds the whole
     * round (see {@link #broadcastWindow}).
     */
    private static Outcome broadcastRound(Portal portal, long count) {
        try (var ctx = portal.openContext(BenchEndpoints::produce, count,
                BROADCAST_PAYLOAD_BYTES)) {
            long start = System.nanoTime();
            Outcome outcome;
            try (var stream = ctx.openStream(byte[].class, broadcastWindow(count))) {
                var subscribers = IntStream.range(0, SUBSCRIBERS)
                        .mapToObj(i -> stream.subscribe())
                        .<Receiver>map(subscriber -> subscriber::receive)
                        .toList();
                outcome = fanOut(subscribers, start);
            }
            ctx.result();
            return outcome;
        }
    }

    /** The same fan-out over the raw stream: a broadcast of the frames' bodies. */
    private static Outcome rawBroadcastRound(RawLink raw, long count) throws IOException {
        long start = System.nanoTime();
        raw.requestFrames(count);
        var source = new RawSource(raw, count);
        try (var broadcast = BroadcastReceiver.of(source::next, () -> { },
                broadcastWindow(count))) {
            var subscribers = IntStream.range(0, SUBSCRIBERS)
                    .mapToObj(i -> broadcast.subscribe())
                    .<Receiver>map(subscriber -> subscriber::receive)
                    .toList();
            return fanOut(subscribers, start);
        }
    }

    /**
     * A window that holds the whole round: a broadcast never waits for its slowest subscriber,
     * so with a smaller one the subscribers of a fast source skip messages and the figure
     * would count fewer deliveries, not a faster fan-out. Missed messages are still counted.
     */
    private static int broadcastWindow(long count) {
        return (int) Math.min(count, MAX_BROADCAST_WINDOW);
    }

    /** One subscriber's receive. */
    @FunctionalInterface
    private interface Receiver {
        byte[] receive();
    }

    /**
     * Runs one task per subscriber, each receiving until the end, and returns what they
     * received and missed, timed from {@code startNanos}.
     */
    private static Outcome fanOut(List<Receiver> subscribers, long startNanos) {
        var delivered = new LongAdder();
        var lagged = new LongAdder();
        Nursery.run(tasks -> {
            for (var subscriber : subscribers) {
                tasks.startSoon(() -> drain(subscriber, delivered, lagged));
            }
            return null;
        });
        return new Outcome(delivered.sum(), lagged.sum(), System.nanoTime() - startNanos);
    }

    private static void drain(Receiver subscription, LongAdder delivered, LongAdder lagged) {
        long received = 0;
        while (true) {
            try {
                subscription.receive();
                received++;
            } catch (Lagged e) {
                lagged.add(e.missed());
            } catch (EndOfChannel e) {
                break;
            }
        }
        delivered.add(received);
    }

    /**
     * The raw stream as a broadcast source: {@code count} frame bodies, each copied out (the
     * broadcast keeps them), then the end. Only the broadcast's current puller calls it.
     */
    private static final class RawSource {
        private final RawLink raw;
        private long remaining;

        RawSource(RawLink raw, long count) {
            this.raw = raw;
            this.remaining = count;
        }

        byte[] next() throws IOException {
            if (remaining == 0) {
                throw new EndOfChannel("the raw peer sent every frame asked for");
            }
            int length = raw.readFrame();
            remaining--;
            return Arrays.copyOf(raw.body(), length);
        }
    }
}
