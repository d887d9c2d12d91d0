package io.jtractor.bench.workloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Counts the system calls that tell how a process waits and wakes (futex, read, write,
 * epoll_wait) while a measurement runs, with {@code perf stat} attached to it. A diagnostic:
 * used only when {@value #ENV} is set, and silent when {@code perf} is missing or not allowed.
 */
final class SyscallProbe {

    /** Set to 1 to count system calls per operation (needs perf and its permissions). */
    static final String ENV = "JTRACTOR_BENCH_SYSCALLS";

    static final List<String> CALLS = List.of("futex", "read", "write", "epoll_wait");

    private static final long ATTACH_MILLIS = 300;

    private final Process perf;
    private final Path output;

    private SyscallProbe(Process perf, Path output) {
        this.perf = perf;
        this.output = output;
    }

    static boolean enabled() {
        return "1".equals(System.getenv(ENV));
    }

    /** Attaches to {@code pid}; null if perf cannot be started. */
    static SyscallProbe attach(long pid) {
        try {
            var output = Files.createTempFile("jtractor-bench-perf-", ".csv");
            var events = String.join(",", CALLS.stream()
                    .map(call -> "syscalls:sys_enter_" + call).toList());
            var perf = new ProcessBuilder("perf", "stat", "-x,", "-e", events, "-p",
                    Long.toString(pid), "-o", output.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Thread.sleep(ATTACH_MILLIS);
            return new SyscallProbe(perf, output);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Detaches and returns the counts by call name; empty if perf counted nothing. */
    Map<String, Long> detach() {
        var counts = new LinkedHashMap<String, Long>();
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(perf.pid())).start()
                    .waitFor(5, TimeUnit.SECONDS);
            if (!perf.waitFor(5, TimeUnit.SECONDS)) {
                perf.destroyForcibly();
            }
            for (var line : Files.readAllLines(output)) {
                var fields = line.split(",");
                if (fields.length > 2 && fields[2].startsWith("syscalls:sys_enter_")
                        && fields[0].matches("[0-9]+")) {
                    counts.put(fields[2].substring("syscalls:sys_enter_".length()),
                            Long.parseLong(fields[0]));
                }
            }
            Files.deleteIfExists(output);
        } catch (IOException e) {
            return counts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return counts;
    }
}
