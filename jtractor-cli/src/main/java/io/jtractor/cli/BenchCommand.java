package io.jtractor.cli;

import io.jtractor.bench.harness.BenchOptions;
import io.jtractor.bench.harness.BenchRun;
import io.jtractor.bench.harness.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jtractor bench}: measures the runtime against raw sockets carrying the same frames, in
 * one run, and prints one table (issue #6).
 *
 * <p>Every job runs in a fresh JVM; the table goes to standard output, progress to standard
 * error, and the table is also written as Markdown and JSON. Exits with 0 when every workload
 * was measured (a missed target is a result), 1 when one failed, 2 for a usage error.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measures jtractor against a raw baseline (the same frames over a plain socket,"
                    + " or a bare JVM) measured in the same run, and prints one table: workload,"
                    + " jtractor, raw baseline, ratio, target, met/missed. About 3 minutes;"
                    + " --quick about 1.5."
        })
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "Fewer repetitions and shorter rounds.")
    private boolean quick;

    @Option(names = "--only", paramLabel = "WORKLOAD", split = ",",
            completionCandidates = WorkloadNames.class,
            description = "Run only these workloads (repeatable or comma-separated):"
                    + " ${COMPLETION-CANDIDATES}.")
    private List<String> only = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write bench.md, bench.json and the logs"
                    + " (default: jtractor-bench/target/bench).")
    private Path outDir;

    @Override
    public Integer call() {
        List<Workload> workloads;
        try {
            workloads = Workload.select(only);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        var options = new BenchOptions(quick, workloads,
                outDir != null ? outDir.toAbsolutePath() : BenchOptions.defaultOutDir(),
                commandLine());
        return BenchRun.run(options, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The workload names, for the help text. */
    static final class WorkloadNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Workload.values()).map(Workload::id).iterator();
        }
    }

    private String commandLine() {
        var words = new ArrayList<>(List.of("./jtractor", "bench"));
        if (quick) {
            words.add("--quick");
        }
        if (!only.isEmpty()) {
            words.add("--only");
            words.add(String.join(",", only));
        }
        if (outDir != null) {
            words.add("--out");
            words.add(outDir.toString());
        }
        return String.join(" ", words);
    }
}
