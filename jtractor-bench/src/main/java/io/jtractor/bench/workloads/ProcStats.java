package io.jtractor.bench.workloads;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a process has consumed so far: CPU time and context switches summed over its threads
 * ({@code /proc/PID/task/TID/schedstat} and {@code status}). Threads that ended are not counted,
 * which the JVM's long-lived threads make negligible over a measurement.
 *
 * @param cpuNanos time its threads have run on a CPU
 * @param contextSwitches voluntary and involuntary switches away from its threads
 */
record ProcStats(long cpuNanos, long contextSwitches) {

    /** Reads the counters of {@code pid} now; zeros if the process is gone. */
    static ProcStats of(long pid) {
        long cpu = 0;
        long switches = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (var task : tasks.toList()) {
                cpu += schedRuntime(task);
                switches += contextSwitches(task);
            }
        } catch (IOException e) {
            return new ProcStats(0, 0);
        }
        return new ProcStats(cpu, switches);
    }

    ProcStats minus(ProcStats earlier) {
        return new ProcStats(cpuNanos - earlier.cpuNanos,
                contextSwitches - earlier.contextSwitches);
    }

    ProcStats plus(ProcStats other) {
        return new ProcStats(cpuNanos + other.cpuNanos, contextSwitches + other.contextSwitches);
    }

    /** Bytes this JVM has allocated on the heap so far, all threads (and so virtual ones). */
    static long allocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getTotalThreadAllocatedBytes();
    }

    private static long schedRuntime(Path task) {
        try {
            var fields = Files.readString(task.resolve("schedstat")).trim().split("\\s+");
            return Long.parseLong(fields[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long contextSwitches(Path task) {
        long switches = 0;
        try {
            for (var line : Files.readAllLines(task.resolve("status"))) {
                if (line.startsWith("voluntary_ctxt_switches:")
                        || line.startsWith("nonvoluntary_ctxt_switches:")) {
                    switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return switches;
        }
        return switches;
    }
}
