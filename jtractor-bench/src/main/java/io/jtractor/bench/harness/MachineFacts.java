package io.jtractor.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Facts about the machine a run was made on, as {@code name -> value} lines: CPUs, memory,
 * kernel, JDK, and the load average (other work on the machine moves the figures).
 *
 * @param facts the facts in a stable order
 */
public record MachineFacts(Map<String, String> facts) {

    public MachineFacts {
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** Reads the facts of this machine and JVM now. */
    public static MachineFacts current() {
        var facts = new LinkedHashMap<String, String>();
        facts.put("cpus", Runtime.getRuntime().availableProcessors() + " ("
                + firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown model")
                + ")");
        firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .ifPresent(total -> facts.put("memory", total));
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " " + System.getProperty("os.arch"));
        facts.put("jdk", System.getProperty("java.vm.vendor") + " "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        facts.put("load average at start", loadAverage());
        sourceRevision().ifPresent(revision -> facts.put("source", revision));
        return new MachineFacts(facts);
    }

    /**
     * The git commit of the working directory's tree and how many files differ from it, e.g.
     * {@code 072e64e + 17 changed files}; empty outside a git tree or without git.
     */
    static Optional<String> sourceRevision() {
        var head = git("rev-parse", "--short", "HEAD");
        if (head.isEmpty()) {
            return Optional.empty();
        }
        long changed = git("status", "--porcelain").map(out -> out.lines().count()).orElse(0L);
        return Optional.of(head.get().trim()
                + (changed == 0 ? "" : " + " + changed + " changed files"));
    }

    private static Optional<String> git(String... args) {
        var command = new ArrayList<String>(List.of("git"));
        command.addAll(List.of(args));
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var out = new String(process.getInputStream().readAllBytes());
            boolean done = process.waitFor(5, TimeUnit.SECONDS);
            return done && process.exitValue() == 0 ? Optional.of(out)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** These facts with one more, e.g. the load average at the end. */
    public MachineFacts with(String name, String value) {
        var more = new LinkedHashMap<>(facts);
        more.put(name, value);
        return new MachineFacts(more);
    }

    /** The 1, 5 and 15 minute load averages, from {@code /proc/loadavg}. */
    public static String loadAverage() {
        try {
            var fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Optional<String> firstValue(Path file, String key) {
        try (var lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
