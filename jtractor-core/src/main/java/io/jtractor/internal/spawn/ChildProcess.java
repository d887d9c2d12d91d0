package io.jtractor.internal.spawn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child actor's JVM process: started with the parent's class path, its output forwarded
 * line by line to the parent's, tagged with the actor's name (SPEC A11), and the last lines of
 * its error output kept for spawn-failure reports (SPEC A4).
 *
 * <p>The command line carries {@code -Djtractor.actor=NAME} so that leftover actor processes can
 * be recognised by tools, then {@link #standardOptions()}, the {@link AotCache}'s options when
 * this class path has a cache, and the spawn's own JVM options last (so that they win).
 */
public final class ChildProcess {

    private static final int KEPT_ERROR_LINES = 40;

    private final String name;
    private final Process process;
    private final ArrayDeque<String> errorTail = new ArrayDeque<>();
    private final Thread outPump;
    private final Thread errPump;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.outPump = pump(process.getInputStream(), System.out, false);
        this.errPump = pump(process.getErrorStream(), System.err, true);
    }

    /**
     * Starts {@code mainClass} in a new JVM with this process's class path.
     *
     * @throws UncheckedIOException if the process cannot be started
     */
    public static ChildProcess start(String name, String mainClass, List<String> args,
            List<String> jvmOptions, Map<String, String> environment) {
        var command = new ArrayList<String>();
        command.add(javaExecutable());
        command.add("-Djtractor.actor=" + name);
        command.addAll(standardOptions());
        command.addAll(AotCache.childOptions());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        var builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        try {
            return new ChildProcess(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start actor '" + name + "': " + e.getMessage(),
                    e);
        }
    }

    /** The JVM options every child starts with, before its cache's and its own. */
    static List<String> standardOptions() {
        var options = new ArrayList<String>();
        options.add("-XX:+UseSerialGC");
        if (Runtime.version().feature() >= 25) {
            // At exit the JVM otherwise waits about 300 ms for threads still in native code
            // (the I/O poller); a tree's levels exit one after another, so this adds up.
            options.add("-XX:UserThreadWaitAttemptsAtExit=0");
        }
        if (Runtime.version().feature() >= 24) {
            // msgpack-core reads buffers through sun.misc.Unsafe; allow it without a warning.
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return options;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Thread pump(InputStream source, PrintStream sink, boolean keepTail) {
        var tag = "[" + name + "] ";
        // A platform thread: a blocking pipe read would pin a virtual thread's carrier.
        return Thread.ofPlatform().daemon(true).name("jtractor-pump-" + name).start(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(source,
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.println(line.startsWith(tag) ? line : tag + line);
                    if (keepTail) {
                        synchronized (errorTail) {
                            errorTail.addLast(line);
                            if (errorTail.size() > KEPT_ERROR_LINES) {
                                errorTail.removeFirst();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // The child is gone or its pipe broke: nothing more to forward.
            }
        });
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or null while the process runs. */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /**
     * The exit in words, for messages: {@code exit code 137 (killed by SIGKILL)}, or
     * {@code still running}.
     */
    public String describeExit() {
        var code = exitCode();
        return code == null ? "still running" : describeExitCode(code);
    }

    /** An exit code in words; codes above 128 name the signal that ended the process. */
    public static String describeExitCode(int code) {
        var signal = switch (code - 128) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 6 -> "SIGABRT";
            case 9 -> "SIGKILL";
            case 15 -> "SIGTERM";
            default -> null;
        };
        return "exit code " + code + (signal == null ? "" : " (killed by " + signal + ")");
    }

    /** Waits for the process to exit; interruptible. */
    public void awaitExit() throws InterruptedException {
        process.waitFor();
    }

    /** Waits at most {@code bound} for the process to exit; returns whether it has. */
    public boolean awaitExit(Duration bound) throws InterruptedException {
        return process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits for the process to exit without being interruptible. */
    public void awaitExitUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits, at most {@code bound} and not interruptibly, for the process to exit. */
    public boolean awaitExitQuietly(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return !process.isAlive();
                }
                try {
                    return process.waitFor(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until the output pumps have forwarded everything (after exit), at most bound. */
    public void drainOutput(Duration bound) {
        try {
            outPump.join(bound);
            errPump.join(bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends SIGTERM. */
    public void terminate() {
        process.destroy();
    }

    /** Sends SIGKILL. */
    public void kill() {
        process.destroyForcibly();
    }

    /** The last lines the child wrote to its error stream. */
    public String errorTail() {
        synchronized (errorTail) {
            return String.join("\n", errorTail);
        }
    }

    public java.util.concurrent.CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    @Override
    public String toString() {
        return "ChildProcess[" + name + ", pid=" + process.pid() + ", "
                + (process.isAlive() ? "running" : "exited " + process.exitValue()) + "]";
    }
}
