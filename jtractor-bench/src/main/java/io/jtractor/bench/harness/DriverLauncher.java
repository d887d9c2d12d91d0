package io.jtractor.bench.harness;

import io.jtractor.bench.workloads.Driver;
import io.jtractor.bench.workloads.Results;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs each job in a fresh driver JVM (the same {@code java} and class path as this one), reads
 * the figures it reports on standard output and writes everything else to its log file.
 *
 * <p>A driver that overruns its bound by {@value #GRACE_SECONDS} s is killed with every process
 * it started. {@link #killCurrent()} does the same from another thread (on Ctrl-C).
 */
final class DriverLauncher {

    /** Extra JVM options for the driver JVMs (e.g. a flight recording), space-separated. */
    static final String DRIVER_OPTIONS_ENV = "JTRACTOR_BENCH_DRIVER_OPTS";

    private static final long GRACE_SECONDS = 30;

    /**
     * The registrar address of a jtractor program. Each driver gets a free port of its own, so
     * that its root is the registrar of its own tree and never talks to actors of other programs
     * on this machine (the default, 1616, is shared).
     */
    private static final String REGISTRY_ENV = "JTRACTOR_REGISTRY";

    private final Path logDir;
    private final boolean quick;
    /** The driver running now, or null; written by the running thread, read on Ctrl-C. */
    private volatile Process current;

    DriverLauncher(Path logDir, boolean quick) {
        this.logDir = logDir;
        this.quick = quick;
    }

    DriverResult run(Job job) {
        var log = logDir.resolve(job.id() + ".log");
        long start = System.nanoTime();
        Process process;
        try {
            Files.deleteIfExists(log);
            var builder = new ProcessBuilder(command(job))
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put(REGISTRY_ENV, "127.0.0.1:" + freePort());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the driver of " + job.id() + ": "
                    + e.getMessage(), e);
        }
        current = process;
        var output = new Output();
        var reader = Thread.ofPlatform().daemon(true).name("bench-output-" + job.id())
                .start(() -> output.read(process));
        int exitCode = awaitExit(process, job.bound().plusSeconds(GRACE_SECONDS), output);
        current = null;
        try {
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        output.appendTo(log);
        return new DriverResult(job, output.values(), output.notes(), exitCode,
                Duration.ofNanos(System.nanoTime() - start), log);
    }

    /** Kills the running driver and every process it started, if one runs. */
    void killCurrent() {
        var process = current;
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private List<String> command(Job job) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        var extra = System.getenv(DRIVER_OPTIONS_ENV);
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Driver.class.getName());
        command.addAll(job.args());
        command.add("quick=" + quick);
        command.add("bound=" + job.bound().toSeconds());
        return command;
    }

    private static int freePort() throws IOException {
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static int awaitExit(Process process, Duration bound, Output output) {
        try {
            if (process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        output.note("the driver was killed after " + bound.toSeconds() + " s");
        return -1;
    }

    /** The driver's standard output: figures, notes, and the other lines for the log. */
    private static final class Output {
        private final Map<String, Double> values = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();
        private final List<String> lines = new ArrayList<>();

        void read(Process process) {
            try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    accept(line);
                }
            } catch (IOException e) {
                note("reading the driver's output failed: " + e.getMessage());
            }
        }

        synchronized void accept(String line) {
            lines.add(line);
            if (line.startsWith(Results.VALUE_PREFIX)) {
                var parts = line.substring(Results.VALUE_PREFIX.length()).split(" ", 2);
                values.put(parts[0], Double.parseDouble(parts[1].trim()));
            } else if (line.startsWith(Results.NOTE_PREFIX)) {
                var parts = line.substring(Results.NOTE_PREFIX.length()).split(" ", 2);
                var text = parts.length > 1 ? parts[1] : "";
                notes.add(parts[0].equals("failure") ? "failed: " + text : text);
            }
        }

        synchronized void note(String note) {
            notes.add(note);
        }

        synchronized Map<String, Double> values() {
            return Map.copyOf(values);
        }

        synchronized List<String> notes() {
            return List.copyOf(notes);
        }

        synchronized void appendTo(Path log) {
            var text = new StringBuilder("---- standard output ----\n");
            lines.forEach(line -> text.append(line).append('\n'));
            try {
                Files.writeString(log, text, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                // The log is for diagnosis; the figures were read already.
            }
        }
    }
}
