package io.jtractor.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link TreeRootMain} running as its own JVM, started with this JVM's java and class path and
 * logging at INFO; its output is collected line by line, for assertions and for failure
 * messages.
 */
final class RootProgram implements AutoCloseable {

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<Long> childPid = new CompletableFuture<>();
    private final Thread pump;

    private RootProgram(Process process) {
        this.process = process;
        // A platform thread: a blocking pipe read would pin a virtual thread's carrier.
        this.pump = Thread.ofPlatform().daemon(true).name("root-program-pump").start(this::pump);
    }

    /**
     * Starts the program. When this JVM ignores SIGINT (a background job of a non-interactive
     * shell), the program would inherit that, so SIGINT is reset to its default for it.
     */
    static RootProgram start() throws IOException {
        var command = new ArrayList<String>();
        if (Signals.ignoresSigint(ProcessHandle.current().pid())) {
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-Djtractor.log.level=INFO", "-cp",
                System.getProperty("java.class.path"), TreeRootMain.class.getName()));
        return new RootProgram(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void pump() {
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                if (line.startsWith("child-pid ")) {
                    childPid.complete(Long.parseLong(line.substring("child-pid ".length())));
                }
            }
        } catch (IOException e) {
            childPid.completeExceptionally(e);
        } finally {
            childPid.completeExceptionally(new IllegalStateException("the root program ended"
                    + " without printing its child's pid:\n" + output()));
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the pid of the root's child, printed once the child serves. */
    long awaitChildPid(Duration bound) throws Exception {
        try {
            return childPid.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no child pid within " + bound.toSeconds()
                    + " s; output so far:\n" + output(), e);
        }
    }

    /** Waits at most {@code bound} for the program to exit; returns its exit code. */
    Optional<Integer> awaitExit(Duration bound) throws InterruptedException {
        if (!process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS)) {
            return Optional.empty();
        }
        pump.join(Duration.ofSeconds(5));
        return Optional.of(process.exitValue());
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Kills the program if it still runs. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Waits at most {@code bound} for process {@code pid} to end; returns whether it has. */
    static boolean awaitGone(long pid, Duration bound) throws Exception {
        var handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return true;
        }
        try {
            handle.get().onExit().get(bound.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Kills process {@code pid} if it is still alive (cleanup after a failed assertion). */
    static void killIfAlive(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}
