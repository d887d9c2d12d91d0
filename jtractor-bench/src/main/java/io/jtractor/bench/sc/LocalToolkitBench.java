package io.jtractor.bench.sc;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the local toolkit benchmarks (nursery tasks, channels, broadcast) against their JDK
 * equivalents with short settings (one fork, 3 warm-up and 5 measured iterations of one second:
 * about a minute and a half in all) and prints a table of ours against the JDK's.
 *
 * <p>Usage: {@code java -cp 'jtractor-bench/target/classes:jtractor-bench/target/lib/*'
 * io.jtractor.bench.sc.LocalToolkitBench [regex]}; the optional regex narrows the benchmarks
 * (for example {@code Channel}).
 */
public final class LocalToolkitBench {

    /** Each comparison: a label, our benchmark, the JDK benchmark it is measured against. */
    private static final List<String[]> PAIRS = List.of(
            new String[] {"task start+join, batch of 100 (per task)",
                "nurseryStartJoinBatch", "virtualThreadStartJoinBatch"},
            new String[] {"task start+join, one task (nursery per task)",
                "nurseryStartJoinOne", "virtualThreadStartJoinOne"},
            new String[] {"bounded hand-off, capacity 64 (per message)",
                "channelBounded", "arrayBlockingQueue"},
            new String[] {"rendezvous hand-off (per message)",
                "channelRendezvous", "synchronousQueue"},
            new String[] {"fan-out to 8 consumers (per message)",
                "broadcastFanOut8", "arrayBlockingQueuesFanOut8"});

    private LocalToolkitBench() {
    }

    public static void main(String[] args) throws RunnerException {
        var filter = args.length > 0 ? args[0] : "";
        var options = new OptionsBuilder()
                .include("io\\.jtractor\\.bench\\.sc\\..*" + filter + ".*")
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .build();
        var results = new Runner(options).run();
        Map<String, Result<?>> byName = new HashMap<>();
        for (RunResult run : results) {
            var label = run.getParams().getBenchmark();
            byName.put(label.substring(label.lastIndexOf('.') + 1), run.getPrimaryResult());
        }
        printTable(byName);
    }

    private static void printTable(Map<String, Result<?>> byName) {
        System.out.println();
        System.out.println("| what | jtractor (ns/op) | JDK (ns/op) | ratio |");
        System.out.println("|---|---|---|---|");
        for (var pair : PAIRS) {
            var ours = byName.get(pair[1]);
            var jdk = byName.get(pair[2]);
            if (ours == null || jdk == null) {
                continue;
            }
            System.out.println(String.format(Locale.ROOT, "| %s | %s: %s | %s: %s | %.2fx |",
                    pair[0], pair[1], format(ours), pair[2], format(jdk),
                    ours.getScore() / jdk.getScore()));
        }
    }

    private static String format(Result<?> result) {
        return String.format(Locale.ROOT, "%.1f ± %.1f", result.getScore(),
                result.getScoreError());
    }
}
