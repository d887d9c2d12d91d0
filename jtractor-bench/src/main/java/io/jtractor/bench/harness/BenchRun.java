package io.jtractor.bench.harness;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code jtractor bench}: runs the selected workloads, each job in a fresh driver JVM, one after
 * the other, and prints one table of jtractor against the raw baseline measured in the same
 * run; writes it as {@code bench.md} and {@code bench.json}, and each driver's output under
 * {@code logs/}.
 *
 * <p>Exit codes: 0 when every job ran (missed targets are results, not failures), 1 when a job
 * failed, 130 when interrupted. Ctrl-C kills the running driver and every process it started.
 */
public final class BenchRun {

    public static final int EXIT_JOB_FAILED = 1;
    public static final int EXIT_INTERRUPTED = 130;

    private BenchRun() {
    }

    /**
     * Runs the benchmark; progress goes to {@code err}, the table to {@code out}.
     *
     * <p>Blocks for the whole run: about three minutes, or a minute and a half with
     * {@code quick}.
     */
    public static int run(BenchOptions options, PrintWriter out, PrintWriter err) {
        var started = Instant.now();
        long startNanos = System.nanoTime();
        var machine = MachineFacts.current();
        var logDir = options.outDir().resolve("logs");
        createDirectories(logDir);

        var launcher = new DriverLauncher(logDir, options.quick());
        var interrupted = new AtomicBoolean();
        var hook = new Thread(() -> {
            interrupted.set(true);
            launcher.killCurrent();
        }, "jtractor-bench-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);

        var rows = new ArrayList<Row>();
        var allResults = new ArrayList<DriverResult>();
        boolean anyFailed = false;
        try {
            for (var workload : options.workloads()) {
                var results = new ArrayList<DriverResult>();
                for (var job : Plan.jobs(workload)) {
                    if (interrupted.get()) {
                        break;
                    }
                    err.printf(Locale.ROOT, "bench: %-28s", job.label() + " ...");
                    err.flush();
                    var result = launcher.run(job);
                    err.printf(Locale.ROOT, " %5.1f s%s%n", result.elapsed().toMillis() / 1e3,
                            result.failed() ? "  FAILED, see " + result.log() : "");
                    err.flush();
                    anyFailed |= result.failed();
                    results.add(result);
                    allResults.add(result);
                }
                if (interrupted.get()) {
                    break;
                }
                rows.addAll(Plan.rows(workload, results));
            }
        } finally {
            removeHook(hook);
        }
        if (interrupted.get()) {
            err.println("bench: interrupted; the running driver and its processes were killed");
            err.flush();
            return EXIT_INTERRUPTED;
        }

        var report = new Report(rows, allResults,
                machine.with("load average at end", MachineFacts.loadAverage()),
                options.command(), started, Duration.ofNanos(System.nanoTime() - startNanos));
        var markdown = write(options.outDir().resolve("bench.md"), report.markdownDocument());
        var json = write(options.outDir().resolve("bench.json"), report.json());
        out.println();
        out.print(report.text());
        out.printf(Locale.ROOT, "%nran in %.0f s on %s; written to %s and %s%n",
                report.elapsed().toMillis() / 1e3, machine.facts().get("cpus"), markdown, json);
        out.flush();
        return anyFailed ? EXIT_JOB_FAILED : 0;
    }

    /** Without the command-line tool: {@code BenchRun [--quick] [--only W[,W...]] [--out DIR]}. */
    public static void main(String[] args) {
        boolean quick = false;
        var only = new ArrayList<String>();
        Path outDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--only" -> only.add(args[++i]);
                case "--out" -> outDir = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: BenchRun [--quick] [--only WORKLOAD[,...]]"
                            + " [--out DIR]; workloads: " + Workload.ids());
                    System.exit(2);
                }
            }
        }
        var options = new BenchOptions(quick, Workload.select(only),
                outDir != null ? outDir : BenchOptions.defaultOutDir(),
                "BenchRun " + String.join(" ", args));
        var out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        var err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(options, out, err));
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting (Ctrl-C): the hook runs, which is what it is for.
        }
    }
}
