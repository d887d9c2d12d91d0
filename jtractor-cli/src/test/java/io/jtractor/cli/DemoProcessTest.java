package io.jtractor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtractor.testing.NoZombies;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it: the CLI in its own JVM, with real worker actors, ended normally,
 * by a crashing worker, or by Ctrl-C (SIGINT). Every run must leave no process behind.
 */
@ExtendWith(NoZombies.class)
@Timeout(120)
class DemoProcessTest {

    @TempDir
    Path dir;

    @Test
    void workersProduceTheSameTotalsAsTheLocalJobAndLeaveNoProcess() throws Exception {
        writeSources(60);

        var local = run("demo", "--workers", "0", "--no-progress", "--input", dir.toString());
        var actors = run("demo", "--workers", "2", "--no-progress", "--input", dir.toString());

        assertThat(local.exitCode).as(local.all()).isZero();
        assertThat(actors.exitCode).as(actors.all()).isZero();
        assertThat(totalsOf(actors.stdout)).isEqualTo(totalsOf(local.stdout))
                .contains("files        60");
        assertThat(filesPerWorker(actors.stdout)).as(actors.stdout)
                .allSatisfy((worker, files) -> assertThat(worker).matches("worker-[12]"))
                .satisfies(perWorker -> assertThat(perWorker.values().stream()
                        .mapToLong(Long::longValue).sum()).isEqualTo(60));
        assertThat(actors.stdout).contains("actor processes left running: none");
    }

    @Test
    void aCrashingWorkerPrintsTheRemoteTraceAndActorAndEndsNonZero() throws Exception {
        writeSources(200);

        var result = run("demo", "--workers", "2", "--crash", "--no-progress", "--input",
                dir.toString());

        assertThat(result.exitCode).as(result.all()).isEqualTo(1);
        assertThat(result.stderr)
                .contains("job failed in actor worker-1@")
                .contains("RemoteActorException")
                .contains("worker crashed on purpose (--crash)")
                .contains("--- remote stack trace (worker-1@")
                .contains("WordCountWorker.serve");
        assertThat(result.stdout).contains("actor processes left running: none");
    }

    @Test
    void theCrashingWorkerFailsEvenWhenTheOtherTookAllTheFiles() throws Exception {
        // Three files make one range: one worker gets it, the other only the end marker.
        writeSources(3);

        var result = run("demo", "--workers", "2", "--crash", "--no-progress", "--input",
                dir.toString());

        assertThat(result.exitCode).as(result.all()).isEqualTo(1);
        assertThat(result.stderr)
                .contains("job failed in actor worker-1@")
                .contains("worker crashed on purpose (--crash)")
                .contains("--- remote stack trace (worker-1@");
        assertThat(result.stdout).contains("actor processes left running: none");
    }

    @Test
    void sigintTearsTheTreeDownAndExitsWithTheInterrupt() throws Exception {
        writeSources(20_000);
        var process = start("demo", "--workers", "2", "--input", dir.toString());
        var stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8));
        var seen = new ArrayList<String>();
        String line;
        while ((line = stderr.readLine()) != null) {
            seen.add(line);
            if (line.startsWith("progress")) {
                break;
            }
        }
        assertThat(seen).as("the job started and reported progress").isNotEmpty();
        var workers = process.toHandle().descendants().toList();
        assertThat(workers).as("worker actor processes").hasSize(2);

        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the root exited").isTrue();
        var rest = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(rest).isEqualTo(130);
        assertThat(rest).contains("interrupted; the actor tree was torn down");
        assertThat(out).contains("actor processes left running: none");
        assertThat(workers).allSatisfy(w -> assertThat(w.isAlive()).isFalse());
    }

    @Test
    void sigintStopsTheLocalJobBeforeItsEnd() throws Exception {
        writeSources(20_000);
        var process = start("demo", "--workers", "0", "--input", dir.toString());
        var stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = stderr.readLine()) != null && !line.startsWith("progress")) {
            // Skip what comes before the first progress line: the job is running from then on.
        }
        assertThat(line).as("the job reported progress").isNotNull();

        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the job exited").isTrue();
        var rest = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(rest).isEqualTo(130);
        assertThat(rest).contains("jtractor demo: interrupted: local job interrupted after");
        assertThat(out).as("no totals for a job that did not finish").doesNotContain("files per")
                .contains("actor processes left running: none");
    }

    private void writeSources(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            var pkg = dir.resolve("p" + (i % 7));
            Files.createDirectories(pkg);
            Files.writeString(pkg.resolve("C" + i + ".java"), """
                    package p;

                    /** Class number %d. */
                    final class C%d {
                        private final int value = %d;
                        String name() { return "c" + value; } // "not an identifier"
                        int twice(int x) { return x * 2 + value; }
                    }
                    """.formatted(i, i, i));
        }
    }

    private static java.util.Map<String, Long> filesPerWorker(String report) {
        var counts = new java.util.TreeMap<String, Long>();
        var section = report.substring(report.indexOf("files per worker"));
        for (var line : section.lines().skip(1).toList()) {
            var parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].startsWith("worker-")) {
                counts.put(parts[0], Long.parseLong(parts[1].replace(",", "")));
            }
        }
        return counts;
    }

    private static String totalsOf(String report) {
        int start = report.indexOf("files        ");
        int end = report.indexOf("elapsed");
        return report.substring(start, end) + report.substring(report.indexOf("top 20"),
                report.indexOf("files per worker"));
    }

    private static Process start(String... args) throws IOException {
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static Result run(String... args) throws Exception {
        var process = start(args);
        var stderr = new StringBuilder();
        var pump = Thread.ofPlatform().start(() -> {
            try {
                stderr.append(new String(process.getErrorStream().readAllBytes(),
                        StandardCharsets.UTF_8));
            } catch (IOException e) {
                stderr.append("<stderr unreadable: ").append(e).append('>');
            }
        });
        var stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the demo ended").isTrue();
        pump.join();
        return new Result(process.exitValue(), stdout, stderr.toString());
    }

    private record Result(int exitCode, String stdout, String stderr) {
        String all() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
