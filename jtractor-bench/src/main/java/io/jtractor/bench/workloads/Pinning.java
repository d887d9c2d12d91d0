package io.jtractor.bench.workloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Places the driver and its peers on CPUs for the latency workloads, with
 * {@code taskset -a -p -c CPU PID} once a process has started.
 *
 * <p>Pinning after the start (rather than starting under {@code taskset}) keeps every JVM's
 * ergonomics what they are in normal use on this machine (all CPUs seen: the same number of
 * carrier threads and GC threads); {@code -a} moves every thread that exists, and threads
 * started later inherit the mask of the thread that starts them. Each pinning is checked in
 * {@code /proc/PID/task/<tid>/status} and retried when a thread slipped through.
 */
final class Pinning {

    /** Where the driver and its peers run. */
    enum Placement {
        /** Not pinned: the scheduler decides. */
        NONE,
        /** The driver and every peer on CPU 0. */
        SAME_CPU,
        /** The driver on CPU 0, every peer on CPU 1. */
        SPLIT_CPUS
    }

    private static final int DRIVER_CPU = 0;
    private static final int ATTEMPTS = 3;

    private final Placement placement;

    private Pinning(Placement placement) {
        this.placement = placement;
    }

    /** From a driver setting: {@code none}, {@code same} or {@code split}. */
    static Pinning of(String setting) {
        return new Pinning(switch (setting) {
            case "none" -> Placement.NONE;
            case "same" -> Placement.SAME_CPU;
            case "split" -> Placement.SPLIT_CPUS;
            default -> throw new IllegalArgumentException("pin is none, same or split, got '"
                    + setting + "'");
        });
    }

    /** Pins this process to CPU 0 (unless unpinned); reports a failure as a note. */
    void pinSelf() {
        if (placement != Placement.NONE) {
            check(pin(ProcessHandle.current().pid(), DRIVER_CPU), "the driver", DRIVER_CPU);
        }
    }

    /** Pins a peer process to its CPU (unless unpinned); reports a failure as a note. */
    void pinPeer(long pid, String what) {
        if (placement == Placement.NONE) {
            return;
        }
        int cpu = placement == Placement.SAME_CPU ? DRIVER_CPU : DRIVER_CPU + 1;
        check(pin(pid, cpu), what + " (pid " + pid + ")", cpu);
    }

    private static void check(boolean pinned, String what, int cpu) {
        if (!pinned) {
            Results.note("pinning", "could not pin " + what + " to CPU " + cpu
                    + " with taskset: the figures are unpinned");
        }
    }

    /** Pins every thread of {@code pid} to {@code cpu}; returns whether all of them are. */
    static boolean pin(long pid, int cpu) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            runTaskset(pid, cpu);
            if (isPinned(pid, cpu)) {
                return true;
            }
        }
        return false;
    }

    private static void runTaskset(long pid, int cpu) {
        var command = List.of("taskset", "-a", "-p", "-c", Integer.toString(cpu),
                Long.toString(pid));
        try {
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            // No taskset: isPinned reports the failure.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether every thread of {@code pid} may run on {@code cpu} only. */
    static boolean isPinned(long pid, int cpu) {
        var tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            var wanted = Integer.toString(cpu);
            return threads.map(Pinning::allowedCpus)
                    .filter(Objects::nonNull)
                    .allMatch(wanted::equals);
        } catch (IOException e) {
            return false;
        }
    }

    /** The thread's allowed CPUs, e.g. {@code 0-1}; null if it ended while we looked. */
    private static String allowedCpus(Path thread) {
        try {
            for (var line : Files.readAllLines(thread.resolve("status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring("Cpus_allowed_list:".length()).trim();
                }
            }
            return "";
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "Pinning[" + placement + "]";
    }
}
