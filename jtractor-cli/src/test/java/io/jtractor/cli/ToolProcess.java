package io.jtractor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@code jtractor} tool run as a user runs it: {@link Main} in its own JVM with the test
 * class path (so that daemons can expose the test's endpoint classes), optionally inside a
 * Linux network namespace. Both output streams are drained as they come, line by line.
 */
final class ToolProcess implements AutoCloseable {

    static final Duration STARTUP = Duration.ofSeconds(40);

    private final Process process;
    private final LinkedBlockingQueue<String> outLines = new LinkedBlockingQueue<>();
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final Thread outPump;
    private final Thread errPump;
    private final List<String> seen = new ArrayList<>();

    private ToolProcess(Process process) {
        this.process = process;
        this.outPump = pump(process.getInputStream(), out, outLines);
        this.errPump = pump(process.getErrorStream(), err, null);
    }

    /** Starts {@code jtractor ARGS...}. */
    static ToolProcess start(String... args) {
        return startIn(null, args);
    }

    /** Starts {@code jtractor ARGS...} inside network namespace {@code netns} (null: here). */
    static ToolProcess startIn(String netns, String... args) {
        var command = new ArrayList<String>();
        if (netns != null) {
            command.addAll(List.of("ip", "netns", "exec", netns));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        try {
            return new ToolProcess(new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code jtractor ARGS...} to its end. */
    static ToolProcess run(String... args) throws InterruptedException {
        return runIn(null, args);
    }

    /** Runs {@code jtractor ARGS...} inside {@code netns} to its end. */
    static ToolProcess runIn(String netns, String... args) throws InterruptedException {
        var tool = startIn(netns, args);
        tool.awaitExit(STARTUP);
        return tool;
    }

    private static Thread pump(InputStream source, StringBuffer all,
            LinkedBlockingQueue<String> lines) {
        return Thread.ofPlatform().daemon(true).start(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(source,
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    all.append(line).append('\n');
                    if (lines != null) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                all.append("<unreadable: ").append(e).append(">\n");
            }
        });
    }

    /** Waits for the next output line starting with {@code prefix}; fails after the bound. */
    String awaitLine(String prefix, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            var line = left > 0 ? outLines.poll(left, TimeUnit.NANOSECONDS) : null;
            assertThat(line).as("a line starting with '%s' within %s; seen %s; stderr:%n%s",
                    prefix, bound, seen, err).isNotNull();
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** For a daemon: waits for its ready line and returns it. */
    String awaitReady() throws InterruptedException {
        return awaitLine("jtractor daemon: ", STARTUP);
    }

    /** Waits for the exit (bounded) and for both output streams to be read to their end. */
    int awaitExit(Duration bound) throws InterruptedException {
        assertThat(process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS))
                .as("jtractor (pid %d) ended within %s; stdout:%n%s%nstderr:%n%s",
                        process.pid(), bound, out, err).isTrue();
        outPump.join(bound);
        errPump.join(bound);
        return process.exitValue();
    }

    int exitCode() {
        return process.exitValue();
    }

    String stdout() {
        return out.toString();
    }

    String stderr() {
        return err.toString();
    }

    /** Everything, for assertion messages. */
    String all() {
        return "exit " + (process.isAlive() ? "-" : process.exitValue()) + "\n--- stdout\n" + out
                + "--- stderr\n" + err;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends a signal ({@code INT}, {@code TERM}) to the tool's process. */
    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
    }

    /** A TCP port that was free a moment ago. */
    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the process if it still runs: SIGTERM, then SIGKILL; waits for it. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
