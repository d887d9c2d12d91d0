package io.jtractor.bench.workloads;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Warms both sides up until the JIT compilers of this JVM and of the peer have gone quiet: a
 * compiler still at work during a measurement takes CPU from it (all of it, on a pinned CPU)
 * and changes the code under test. Bounded: after {@code bound} the measurement goes ahead.
 */
final class Warmup {

    /** Compilation time (both JVMs together) below which a round counts as quiet. */
    private static final long QUIET_COMPILE_MILLIS = 20;
    /** Consecutive quiet rounds needed. */
    private static final int QUIET_ROUNDS = 2;

    /** One warm-up round: some operations of each side. */
    @FunctionalInterface
    interface WarmupRound {
        void run() throws Exception;
    }

    private Warmup() {
    }

    /**
     * Runs {@code round} until the compilers are quiet for {@value #QUIET_ROUNDS} rounds in a
     * row, or {@code bound} has passed; reports how long it took and whether they went quiet.
     *
     * @param peerCompileMillis the peer JVM's total compilation time so far, in ms
     */
    static void untilJitQuiet(WarmupRound round, LongSupplier peerCompileMillis, Duration bound)
            throws Exception {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        int quietRounds = 0;
        long before = compileMillis() + peerCompileMillis.getAsLong();
        while (quietRounds < QUIET_ROUNDS && System.nanoTime() < deadline) {
            round.run();
            long after = compileMillis() + peerCompileMillis.getAsLong();
            quietRounds = after - before < QUIET_COMPILE_MILLIS ? quietRounds + 1 : 0;
            before = after;
        }
        Results.value("warmup_s", (System.nanoTime() - start) / 1e9);
        if (quietRounds < QUIET_ROUNDS) {
            Results.note("warmup", "the JIT compilers were still busy after the "
                    + bound.toSeconds() + " s warm-up");
        }
    }

    /** This JVM's total JIT compilation time so far, in ms. */
    static long compileMillis() {
        var compilation = ManagementFactory.getCompilationMXBean();
        return compilation == null ? 0 : compilation.getTotalCompilationTime();
    }
}
