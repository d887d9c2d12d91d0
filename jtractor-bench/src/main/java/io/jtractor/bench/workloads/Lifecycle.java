package io.jtractor.bench.workloads;

import io.jtractor.ActorNursery;
import io.jtractor.sc.Nursery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The lifecycle workloads: spawn-to-ready of 1 and of 4 actors, teardown of a tree 3 actors
 * deep, and the idle memory of a child actor; each against bare JVMs ({@code BareChild}) started
 * with the same options, that connect back and do nothing else.
 *
 * <p>Every timed actor nursery is nested in one opened first, so that the root actor's own
 * start and end are never part of a figure. Repetitions alternate between the two sides and
 * the job reports medians.
 */
final class Lifecycle {

    static final int TREE_DEPTH = 3;

    private Lifecycle() {
    }

    /** Spawn-to-ready: from the call until every portal is usable (startActor returned). */
    static void spawn(JobArgs args) throws Exception {
        int repetitions = args.quick() ? 2 : 5;
        var actor1 = new double[repetitions];
        var bare1 = new double[repetitions];
        var actor4 = new double[repetitions];
        var bare4 = new double[repetitions];
        try (var root = ActorNursery.open()) {
            var options = warmUp();
            for (int i = 0; i < repetitions; i++) {
                actor1[i] = spawnActors(1);
                bare1[i] = spawnBare(1, options);
                actor4[i] = spawnActors(4);
                bare4[i] = spawnBare(4, options);
            }
        }
        Results.value("jtractor.spawn1_ms", Samples.median(actor1));
        Results.value("raw.spawn1_ms", Samples.median(bare1));
        Results.value("jtractor.spawn4_ms", Samples.median(actor4));
        Results.value("raw.spawn4_ms", Samples.median(bare4));
    }

    /** One actor and one bare JVM, untimed; returns the options the bare JVMs get. */
    private static List<String> warmUp() {
        List<String> options;
        try (var actors = ActorNursery.open()) {
            var portal = actors.startActor("spawn-warmup", BenchEndpoints.spawnOptions());
            options = Jvms.optionsOf(portal.run(BenchEndpoints::pid));
        }
        try (var bare = BareChildren.start(1, 1, options)) {
            return options;
        }
    }

    private static double spawnActors(int count) {
        try (var actors = ActorNursery.open()) {
            long start = System.nanoTime();
            Nursery.run(tasks -> {
                for (int i = 0; i < count; i++) {
                    var name = "spawn-" + (i + 1);
                    tasks.startSoon(() -> actors.startActor(name, BenchEndpoints.spawnOptions()));
                }
                return null;
            });
            return millisSince(start);
        }
    }

    private static double spawnBare(int count, List<String> options) {
        long start = System.nanoTime();
        try (var bare = BareChildren.start(count, 1, options)) {
            return millisSince(start);
        }
    }

    /**
     * Teardown: a chain root, tree-3, tree-2, tree-1 (each link a context into the next); timed
     * from leaving the context scope until the nursery has closed, every process gone. The bare
     * chain hangs up link by link, each waiting for the one below to exit.
     */
    static void teardown(JobArgs args) throws Exception {
        int repetitions = args.quick() ? 1 : 3;
        var actorTimes = new double[repetitions];
        var bareTimes = new double[repetitions];
        var exitTimes = new double[TREE_DEPTH][repetitions];
        try (var root = ActorNursery.open()) {
            for (int i = 0; i < repetitions; i++) {
                var tree = tearDownActorTree();
                checkGone(tree.pids(), "actor tree");
                actorTimes[i] = tree.millis();
                for (int level = 0; level < TREE_DEPTH; level++) {
                    exitTimes[level][i] = tree.exitMillis()[level];
                }
                bareTimes[i] = tearDownBareChain(tree.jvmOptions());
            }
        }
        Results.value("jtractor.teardown_ms", Samples.median(actorTimes));
        Results.value("raw.teardown_ms", Samples.median(bareTimes));
        for (int level = 0; level < TREE_DEPTH; level++) {
            Results.value("jtractor.exit_ms.level" + (level + 1), Samples.median(exitTimes[level]));
        }
    }

    /**
     * One teardown: how long it took, when each link's process exited (from the top down,
     * after the start of the teardown), the pids of the tree and the options of its JVMs.
     */
    private record TreeRun(double millis, double[] exitMillis, List<Long> pids,
            List<String> jvmOptions) {
    }

    private static TreeRun tearDownActorTree() throws InterruptedException {
        var pids = new ArrayList<Long>();
        List<String> options;
        long start;
        ExitWatch watch;
        try (var actors = ActorNursery.open()) {
            var top = actors.startActor("tree-" + TREE_DEPTH, BenchEndpoints.spawnOptions());
            try (var ctx = top.openContext(BenchEndpoints::tree, TREE_DEPTH)) {
                for (long pid : ctx.first(long[].class)) {
                    pids.add(pid);
                }
                options = Jvms.optionsOf(pids.get(0));
                start = System.nanoTime();
                watch = ExitWatch.start(pids, start);
            }
        }
        double millis = millisSince(start);
        return new TreeRun(millis, watch.await(), pids, options);
    }

    /**
     * Notes when each of a set of processes (not necessarily children of this one) exits, by
     * polling every millisecond for at most {@value #WATCH_SECONDS} s.
     */
    private static final class ExitWatch {
        static final int WATCH_SECONDS = 20;

        private final double[] exitMillis;
        private final Thread poller;

        private ExitWatch(double[] exitMillis, Thread poller) {
            this.exitMillis = exitMillis;
            this.poller = poller;
        }

        static ExitWatch start(List<Long> pids, long startNanos) {
            var exitMillis = new double[pids.size()];
            Arrays.fill(exitMillis, Double.NaN);
            var poller = Thread.ofPlatform().daemon(true).name("bench-exit-watch").start(() -> {
                long deadline = startNanos + TimeUnit.SECONDS.toNanos(WATCH_SECONDS);
                int left = pids.size();
                while (left > 0 && System.nanoTime() < deadline) {
                    for (int i = 0; i < pids.size(); i++) {
                        if (Double.isNaN(exitMillis[i]) && !isAlive(pids.get(i))) {
                            exitMillis[i] = millisSince(startNanos);
                            left--;
                        }
                    }
                    LockSupport.parkNanos(1_000_000);
                }
            });
            return new ExitWatch(exitMillis, poller);
        }

        /** Waits for the watch to end; returns the exit times, NaN for a process that lived on. */
        double[] await() throws InterruptedException {
            poller.join();
            return exitMillis.clone();
        }

        private static boolean isAlive(long pid) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    private static double tearDownBareChain(List<String> options) {
        var chain = BareChildren.start(1, TREE_DEPTH, options);
        var pids = chain.pids();
        long start = System.nanoTime();
        chain.close();
        double millis = millisSince(start);
        checkGone(pids, "bare chain");
        return millis;
    }

    private static void checkGone(List<Long> pids, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        var alive = alive(pids);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            alive = alive(pids);
        }
        if (!alive.isEmpty()) {
            Results.note("leftovers", what + ": processes " + alive + " still ran 5 s after"
                    + " the teardown");
        }
    }

    private static List<Long> alive(List<Long> pids) {
        return pids.stream()
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .toList();
    }

    /**
     * Idle memory: the resident set ({@code VmRSS}) of child actors that are ready and have
     * served nothing, against bare JVMs, after both have idled a few seconds.
     */
    static void rss(JobArgs args) throws Exception {
        int count = args.quick() ? 1 : 3;
        var settle = Duration.ofSeconds(args.quick() ? 2 : 4);
        try (var actors = ActorNursery.open()) {
            var actorPids = new ArrayList<Long>();
            for (int i = 0; i < count; i++) {
                var name = "idle-" + (i + 1);
                actors.startActor(name, BenchEndpoints.spawnOptions());
                actorPids.add(Jvms.actorPid(name));
            }
            try (var bare = BareChildren.start(count, 1, Jvms.optionsOf(actorPids.get(0)))) {
                Thread.sleep(settle);
                Results.value("jtractor.rss_mib", medianRssMib(actorPids));
                Results.value("raw.rss_mib", medianRssMib(bare.childPids()));
            }
        }
    }

    private static double medianRssMib(List<Long> pids) throws IOException {
        var values = new double[pids.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rssKib(pids.get(i)) / 1024.0;
        }
        return Samples.median(values);
    }

    /** {@code VmRSS} of {@code pid}, in KiB, from {@code /proc/PID/status}. */
    static long rssKib(long pid) throws IOException {
        for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
