package io.jtractor.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
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
 * A separately started JVM running a main class of the test class path, its output lines
 * collected as they come: for tests of separate programs sharing a registrar.
 */
public final class Program implements AutoCloseable {

    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private Program(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon(true).start(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<output unreadable: " + e + ">");
            }
        });
    }

    /** Starts {@code mainClass} with {@code args}; its error output goes to this one's. */
    public static Program start(Class<?> mainClass, String... args) {
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        try {
            return new Program(new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the next output line that starts with {@code prefix}; fails after bound. */
    public String awaitLine(String prefix, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            var line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            assertThat(line).as("a line starting with '%s' within %s; seen %s", prefix, bound,
                    seen).isNotNull();
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** Waits at most {@code bound} for the exit and returns the exit code. */
    public int awaitExit(Duration bound) throws InterruptedException {
        assertThat(process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS))
                .as("process %d exited within %s", process.pid(), bound).isTrue();
        return process.exitValue();
    }

    /** A TCP port that was free a moment ago, for a registry address. */
    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the process if it still runs (SIGKILL) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
