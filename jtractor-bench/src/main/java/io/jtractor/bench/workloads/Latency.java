package io.jtractor.bench.workloads;

import io.jtractor.Actor;
import io.jtractor.ActorNursery;
import io.jtractor.Portal;
import java.time.Duration;
import java.util.UUID;

/**
 * The latency workloads: a one-shot RPC ({@code portal.run} of a trivial function) and a
 * ping-pong over a context stream, each against a raw round trip of the same frames between
 * virtual threads in two JVMs.
 *
 * <p>Both peers (the actor child and the raw peer) stay up for the whole job. The driver warms
 * both up unpinned until the JIT compilers of all three JVMs are quiet, then pins the processes
 * (see {@link Pinning}), warms up briefly again, and measures the two sides in alternating
 * blocks, so that a slow spell of the machine falls on both. Each round trip is timed on its
 * own; the job reports the median, the 99th percentile and the mean, and what a round trip
 * costs each process ({@link Costs}). Every loop is bounded by a count and a deadline.
 */
final class Latency {

    /** An 8-byte payload: the ping-pong message. */
    private static final byte[] PING = new byte[8];

    /** One timed operation: a whole round trip. */
    @FunctionalInterface
    interface Op {
        void run() throws Exception;
    }

    /**
     * How many round trips to make and how long each phase may take.
     *
     * @param warmupOps round trips of each side per warm-up round (until the JIT is quiet)
     * @param warmupBound the longest the unpinned warm-up may take
     * @param settleOps round trips of each side after pinning, untimed
     * @param blocks measured blocks of each side, alternating
     * @param opsPerBlock round trips per block
     * @param blockBound the longest a block may take
     */
    record Plan(int warmupOps, Duration warmupBound, int settleOps, int blocks, int opsPerBlock,
            Duration blockBound) {

        /** The plan for a job's settings: {@code quick}, and {@code blocks} for profiling. */
        static Plan of(JobArgs args) {
            var plan = of(args.quick());
            int blocks = args.intValue("blocks", plan.blocks());
            return new Plan(plan.warmupOps(), plan.warmupBound(), plan.settleOps(), blocks,
                    plan.opsPerBlock(), plan.blockBound());
        }

        static Plan of(boolean quick) {
            return quick
                    ? new Plan(2_000, Duration.ofSeconds(8), 1_000, 2, 2_500,
                            Duration.ofSeconds(4))
                    : new Plan(2_000, Duration.ofSeconds(20), 2_000, 4, 5_000,
                            Duration.ofSeconds(8));
        }
    }

    private Latency() {
    }

    /** {@code portal.run(BenchEndpoints::increment, 1)} against Start / StartAck + Return. */
    static void rpc(JobArgs args) throws Exception {
        var pinning = Pinning.of(args.get("pin", "none"));
        var plan = Plan.of(args);
        try (var actors = ActorNursery.open()) {
            var portal = actors.startActor("rpc-peer", BenchEndpoints.spawnOptions());
            long childPid = portal.run(BenchEndpoints::pid);
            var cid = UUID.randomUUID().toString();
            var call = Frames.incrementCall(Actor.id(), cid);
            try (var raw = RawLink.open("reply", Frames.incrementAnswer(cid),
                    Jvms.optionsOf(childPid))) {
                var peers = new Peers(portal, childPid, raw, pinning);
                measure(plan, peers, () -> increment(portal), () -> raw.roundTrip(call, 2));
            }
        }
    }

    /** A send and a receive on a context stream against one Yield each way. */
    static void pingPong(JobArgs args) throws Exception {
        var pinning = Pinning.of(args.get("pin", "none"));
        var plan = Plan.of(args);
        try (var actors = ActorNursery.open()) {
            var portal = actors.startActor("ping-pong-peer", BenchEndpoints.spawnOptions());
            long childPid = portal.run(BenchEndpoints::pid);
            try (var ctx = portal.openContext(BenchEndpoints::echo)) {
                var ping = Frames.yield(ctx.contextId(), PING);
                try (var stream = ctx.openStream(byte[].class);
                        var raw = RawLink.open("reply", ping, Jvms.optionsOf(childPid))) {
                    Op jtractor = () -> {
                        stream.send(PING);
                        stream.receive();
                    };
                    var peers = new Peers(portal, childPid, raw, pinning);
                    measure(plan, peers, jtractor, () -> raw.roundTrip(ping, 1));
                }
                ctx.result();
            }
        }
    }

    private static void increment(Portal portal) {
        int answer = portal.run(BenchEndpoints::increment, 1);
        if (answer != 2) {
            throw new IllegalStateException("increment(1) answered " + answer + ", not 2");
        }
    }

    /** The two peers of a latency job, and where they are to run. */
    record Peers(Portal portal, long childPid, RawLink raw, Pinning pinning) {

        /**
         * Pins once every process is up: a process started by a pinned one would inherit the
         * pin and see one CPU from its start.
         */
        void pin() {
            pinning.pinSelf();
            pinning.pinPeer(childPid, "the actor child");
            pinning.pinPeer(raw.pid(), "the raw peer");
        }

        long childCompileMillis() {
            return portal.run(BenchEndpoints::compileMillis);
        }
    }

    /** The costs of the actor child, which can tell its allocations. */
    static Costs costs(Portal portal, long childPid) {
        return new Costs(childPid, () -> portal.run(BenchEndpoints::allocatedBytes));
    }

    private static void measure(Plan plan, Peers peers, Op jtractor, Op baseline)
            throws Exception {
        Warmup.untilJitQuiet(() -> {
            repeat(jtractor, plan.warmupOps(), plan.blockBound(), null);
            repeat(baseline, plan.warmupOps(), plan.blockBound(), null);
        }, peers::childCompileMillis, plan.warmupBound());
        peers.pin();
        repeat(jtractor, plan.settleOps(), plan.blockBound(), null);
        repeat(baseline, plan.settleOps(), plan.blockBound(), null);

        var jtractorSamples = new Samples(plan.blocks() * plan.opsPerBlock());
        var baselineSamples = new Samples(plan.blocks() * plan.opsPerBlock());
        var jtractorCosts = costs(peers.portal(), peers.childPid());
        var baselineCosts = new Costs(peers.raw().pid(), null);
        for (int block = 0; block < plan.blocks(); block++) {
            timedBlock(jtractor, plan, jtractorSamples, jtractorCosts);
            timedBlock(baseline, plan, baselineSamples, baselineCosts);
        }
        report("jtractor", jtractorSamples);
        report("raw", baselineSamples);
        jtractorCosts.report("jtractor");
        baselineCosts.report("raw");
    }

    private static void timedBlock(Op op, Plan plan, Samples samples, Costs costs)
            throws Exception {
        costs.measure(() -> {
            int before = samples.size();
            repeat(op, plan.opsPerBlock(), plan.blockBound(), samples);
            return samples.size() - before;
        });
    }

    /** Runs {@code op} up to {@code count} times within {@code bound}, timing each if asked. */
    private static void repeat(Op op, int count, Duration bound, Samples samples)
            throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            long start = System.nanoTime();
            op.run();
            if (samples != null) {
                samples.add(System.nanoTime() - start);
            }
        }
    }

    private static void report(String system, Samples samples) {
        Results.value(system + ".median_us", samples.percentile(50) / 1e3);
        Results.value(system + ".p99_us", samples.percentile(99) / 1e3);
        Results.value(system + ".mean_us", samples.mean() / 1e3);
        Results.value(system + ".samples", samples.size());
    }
}
