package io.jtractor.cli;

import io.jtractor.RemoteActorException;
import io.jtractor.examples.wordcount.ActorJob;
import io.jtractor.examples.wordcount.Inputs;
import io.jtractor.examples.wordcount.LocalJob;
import io.jtractor.examples.wordcount.Progress;
import io.jtractor.examples.wordcount.Report;
import io.jtractor.examples.wordcount.Totals;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jtractor demo}: counts lines, words and identifiers over real Java sources with a
 * pool of worker actors, or in this process with {@code --workers 0}.
 *
 * <p>The report goes to standard output, progress and errors to standard error. A user error
 * (a bad option, an input that does not exist) exits with 2, a failed job with 1; both print
 * one line, not a stack trace.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Counts lines, words and Java identifiers in real sources with one worker actor"
                    + " per core, then prints totals, the most frequent identifiers and the"
                    + " throughput."
        })
final class DemoCommand implements Callable<Integer> {

    static final int EXIT_JOB_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_INTERRUPTED = 130;

    @Spec
    private CommandSpec spec;

    @Option(names = "--input", paramLabel = "PATH",
            description = "A directory or zip file of .java sources"
                    + " (default: the running JDK's lib/src.zip).")
    private Path input;

    @Option(names = "--workers", paramLabel = "N",
            description = "Worker actors to spawn; 0 runs the job in this process"
                    + " (default: ${DEFAULT-VALUE}, the available processors).")
    private int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--crash", description = "Make one worker fail midway.")
    private boolean crash;

    @Option(names = "--no-progress", description = "Print no progress while the job runs.")
    private boolean noProgress;

    @Override
    public Integer call() {
        if (workers < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--workers must be >= 0, was " + workers);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        Path source;
        Inputs files;
        try {
            source = input != null ? input : Inputs.defaultInput();
            files = Inputs.open(source);
        } catch (IllegalArgumentException e) {
            err.println("jtractor demo: " + e.getMessage());
            err.flush();
            return EXIT_USAGE;
        }
        try (files) {
            printHeader(out, source, files);
            return runJob(files, out, err);
        } catch (RuntimeException e) {
            if (workers == 0 && (e instanceof CancellationException
                    || Thread.currentThread().isInterrupted())) {
                // Ctrl-C stopped the local job, between two files or while reading one.
                err.println("jtractor demo: interrupted: " + e.getMessage());
                err.flush();
                return EXIT_INTERRUPTED;
            }
            if (isInterruption(e)) {
                err.println("jtractor demo: interrupted; the actor tree was torn down");
                err.flush();
                return EXIT_INTERRUPTED;
            }
            var remote = remoteCause(e);
            if (remote != null) {
                err.println("jtractor demo: job failed in actor " + remote.source() + ":");
                err.println(remote);
            } else {
                err.println("jtractor demo: job failed: " + describe(e));
            }
            err.flush();
            return EXIT_JOB_FAILED;
        } finally {
            reportLeftovers(out);
        }
    }

    /** Every run ends by checking, and saying, that no actor process outlived the job. */
    private void reportLeftovers(PrintWriter out) {
        var left = ActorJob.leftoverProcesses();
        out.println(left.isEmpty()
                ? "actor processes left running: none"
                : "actor processes left running: " + left.size() + " " + left);
        out.flush();
    }

    /** Whether the failure is only the cancellation that Ctrl-C (or SIGTERM) caused. */
    private static boolean isInterruption(Throwable failure) {
        if (failure instanceof io.jtractor.sc.ExceptionGroup group) {
            return group.exceptions().stream().allMatch(DemoCommand::isInterruption);
        }
        return failure instanceof io.jtractor.sc.Cancelled
                && remoteCause(failure) == null;
    }

    /** The remote error behind a failure, to print with its remote trace and actor path. */
    private static RemoteActorException remoteCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        var pending = new java.util.ArrayDeque<Throwable>();
        pending.add(failure);
        while (!pending.isEmpty()) {
            var t = pending.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof RemoteActorException remote) {
                return remote;
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            pending.addAll(List.of(t.getSuppressed()));
        }
        return null;
    }

    /**
     * The one-process job. No actor runtime runs to turn Ctrl-C into a cancellation, so a
     * shutdown hook interrupts the job, which stops between two files.
     */
    private static Totals runLocally(Inputs files, Progress progress) {
        var job = Thread.currentThread();
        var interrupter = new Thread(job::interrupt, "jtractor-demo-interrupt");
        Runtime.getRuntime().addShutdownHook(interrupter);
        try {
            return LocalJob.run(files, progress);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupter);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting: the hook has run or is running, which is what it is for.
            }
        }
    }

    private int runJob(Inputs files, PrintWriter out, PrintWriter err) {
        Totals totals;
        long startNanos = System.nanoTime();
        try (Progress progress = progressFor(err, files.fileCount())) {
            totals = workers == 0
                    ? runLocally(files, progress)
                    : ActorJob.run(files, workers, crashAfter(files.fileCount()), progress);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        out.println();
        out.print(Report.format(totals, elapsed));
        out.flush();
        return 0;
    }

    /** With --crash, the first worker fails about halfway through its share of the files. */
    private int crashAfter(int totalFiles) {
        return crash ? Math.max(1, totalFiles / (2 * workers)) : -1;
    }

    private void printHeader(PrintWriter out, Path source, Inputs files) {
        String mode = workers == 0
                ? "in this process (--workers 0)"
                : workers + (workers == 1 ? " worker actor" : " worker actors");
        out.printf(Locale.ROOT, "jtractor demo: %,d files (%.1f MB) from %s, %s%n",
                files.fileCount(), files.totalBytes() / 1e6, source, mode);
        out.flush();
    }

    private Progress progressFor(PrintWriter err, int totalFiles) {
        return noProgress ? Progress.none() : Progress.forConsole(err, totalFiles);
    }

    /** One line naming the failure and each cause, innermost last. */
    private static String describe(Throwable failure) {
        var line = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t != failure) {
                line.append("; caused by ");
            }
            line.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                line.append(": ").append(t.getMessage());
            }
            if (t instanceof io.jtractor.sc.ExceptionGroup group) {
                for (var member : group.exceptions()) {
                    line.append("\n  - ").append(describe(member));
                }
            }
        }
        return line.toString();
    }
}
