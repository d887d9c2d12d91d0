package io.jtractor.bench.runtime;

import io.jtractor.ActorNursery;
import io.jtractor.SpawnOptions;
import io.jtractor.sc.Nursery;
import java.util.Locale;

/**
 * Wall-clock measurements of the actor runtime with real child JVMs: RPC round trips, context
 * stream round trips and throughput, spawning, and the teardown of children that ignore
 * cancellation (one against four, to show that children are torn down in parallel).
 *
 * <p>Not JMH: every measurement spans processes. Each figure is the best of {@code ROUNDS}
 * runs, after one warm-up run.
 *
 * <p>Usage: {@code java -cp 'jtractor-bench/target/classes:jtractor-bench/target/lib/*'
 * io.jtractor.bench.runtime.RuntimeBench [filter]}; with a filter, only the measurements whose
 * label contains it run (for example {@code "round trip"}).
 */
public final class RuntimeBench {

    private static final int ROUNDS = 3;

    /** Only measurements whose label contains this run; empty for all. */
    private static String filter = "";

    private RuntimeBench() {
    }

    public static void main(String[] args) {
        filter = args.length > 0 ? args[0] : "";
        try (var actors = ActorNursery.open()) {
            var peer = actors.startActor("bench-peer", SpawnOptions.exposing(BenchEndpoints.class));

            report("rpc round trip (portal.run)", 5_000, "call", n -> {
                for (int i = 0; i < n; i++) {
                    peer.run(BenchEndpoints::add, i, 1);
                }
            });
            report("context stream round trip (send + receive)", 20_000, "msg", n -> {
                try (var ctx = peer.openContext(BenchEndpoints::echo);
                        var stream = ctx.openStream(Integer.class)) {
                    for (int i = 0; i < n; i++) {
                        stream.send(i);
                        stream.receive();
                    }
                }
            });
            report("context stream, pipelined echo (send and receive tasks)", 200_000, "msg",
                    n -> {
                        try (var ctx = peer.openContext(BenchEndpoints::echo);
                                var stream = ctx.openStream(Integer.class)) {
                            Nursery.run(tasks -> {
                                tasks.startSoon(() -> {
                                    for (int i = 0; i < n; i++) {
                                        stream.send(i);
                                    }
                                });
                                for (int i = 0; i < n; i++) {
                                    stream.receive();
                                }
                                return null;
                            });
                        }
                    });
            report("one-way stream (openStreamFrom)", 500_000, "msg", n -> {
                try (var stream = peer.<Integer, Integer>openStreamFrom(BenchEndpoints::count,
                        n)) {
                    for (var ignored : stream) {
                        // consume
                    }
                }
            });
        }
        if (selected(SPAWN_LABEL)) {
            timeSpawnAndClose();
        }
        for (int children : new int[] {1, 4}) {
            if (selected(deafLabel(children))) {
                timeDeafTeardown(children);
            }
        }
    }

    private static void timeSpawnAndClose() {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            try (var actors = ActorNursery.open()) {
                actors.startActor("short", SpawnOptions.exposing(BenchEndpoints.class))
                        .run(BenchEndpoints::add, 1, 2);
            }
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf(Locale.ROOT, "%-58s %10.0f ms%n", SPAWN_LABEL, best / 1e6);
    }

    private static final String SPAWN_LABEL = "open, spawn one child, call it, close";

    private static String deafLabel(int children) {
        return "close with " + children + " child(ren) ignoring cancellation";
    }

    private static boolean selected(String label) {
        return label.contains(filter);
    }

    private static void timeDeafTeardown(int children) {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 2; round++) {
            long elapsed;
            try (var actors = ActorNursery.open()) {
                for (int i = 0; i < children; i++) {
                    actors.runInActor("deaf-" + i, BenchEndpoints::deaf);
                }
                long start = System.nanoTime();
                try {
                    actors.close();
                } finally {
                    elapsed = System.nanoTime() - start;
                }
            }
            best = Math.min(best, elapsed);
        }
        System.out.printf(Locale.ROOT, "%-58s %10.0f ms%n", deafLabel(children), best / 1e6);
    }

    private static void report(String what, int n, String unit, Workload workload) {
        if (!selected(what)) {
            return;
        }
        workload.run(Math.max(1, n / 10));
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            workload.run(n);
            best = Math.min(best, System.nanoTime() - start);
        }
        double perOp = (double) best / n;
        System.out.printf(Locale.ROOT, "%-58s %10.2f us/%s  %12.0f %s/s%n", what, perOp / 1e3,
                unit, 1e9 / perOp, unit);
    }

    @FunctionalInterface
    private interface Workload {
        void run(int n);
    }
}
