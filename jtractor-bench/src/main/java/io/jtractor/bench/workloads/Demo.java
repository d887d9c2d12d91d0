package io.jtractor.bench.workloads;

import io.jtractor.examples.wordcount.ActorJob;
import io.jtractor.examples.wordcount.Inputs;
import io.jtractor.examples.wordcount.LocalJob;
import io.jtractor.examples.wordcount.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's job over the JDK's {@code src.zip}, timed as {@code jtractor demo} times it (from
 * the start of the job, spawning included, to the merged totals), with {@code workers} worker
 * actors or, for 0, in this process. One fresh driver JVM per run, like the command.
 */
final class Demo {

    private Demo() {
    }

    static void run(JobArgs args) {
        int workers = args.intValue("workers", 2);
        try (var files = Inputs.open(Inputs.defaultInput())) {
            int fileCount = files.fileCount();
            long start = System.nanoTime();
            var totals = workers == 0
                    ? LocalJob.run(files, Progress.none())
                    : ActorJob.run(files, workers, -1, Progress.none());
            double seconds = (System.nanoTime() - start) / 1e9;
            if (totals.files() != fileCount) {
                throw new IllegalStateException("the job counted " + totals.files()
                        + " files of " + fileCount);
            }
            Results.value("seconds", seconds);
            Results.value("files", fileCount);
            Results.value("megabytes", totals.bytes() / 1e6);
            reportCpu();
        }
    }

    /**
     * The CPU time this process (the root) used, and that its reaped children (the workers)
     * used, from {@code /proc/self/stat} (utime + stime, cutime + cstime; clock ticks of 10 ms,
     * Linux's USER_HZ on x86).
     */
    private static void reportCpu() {
        try {
            var stat = Files.readString(Path.of("/proc/self/stat"));
            var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command name: field 3 is index 0, so utime (14) is index 11.
            double ticksPerSecond = 100;
            Results.value("root_cpu_s", (Long.parseLong(fields[11]) + Long.parseLong(fields[12]))
                    / ticksPerSecond);
            Results.value("workers_cpu_s", (Long.parseLong(fields[13])
                    + Long.parseLong(fields[14])) / ticksPerSecond);
        } catch (IOException | RuntimeException e) {
            Results.note("cpu", "could not read /proc/self/stat: " + e);
        }
    }
}
