package io.jtractor.bench.workloads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Second JVMs for the baselines (raw peers, bare children), started exactly like an actor child:
 * the same {@code java}, the same class path, and the same JVM options, read from the command
 * line of a running actor child so that they stay the same whatever the runtime adds.
 */
final class Jvms {

    private Jvms() {
    }

    /**
     * The JVM options of the running process {@code pid} (an actor child): every argument before
     * the class path, without the {@code -Djtractor.actor=} tag. Falls back to the options the
     * runtime is known to use when the command line cannot be read.
     */
    static List<String> optionsOf(long pid) {
        var arguments = ProcessHandle.of(pid).flatMap(p -> p.info().arguments());
        if (arguments.isEmpty()) {
            return knownChildOptions();
        }
        var options = new ArrayList<String>();
        for (var argument : arguments.get()) {
            if (argument.equals("-cp") || argument.equals("-classpath")
                    || argument.equals("--class-path")) {
                return options;
            }
            if (!argument.startsWith("-Djtractor.actor=")) {
                options.add(argument);
            }
        }
        return knownChildOptions();
    }

    /**
     * The pid of the child actor called {@code name} that this process started, found by the
     * {@code -Djtractor.actor=NAME} tag on its command line (no call into the actor).
     *
     * @throws IllegalStateException if there is no such child
     */
    static long actorPid(String name) {
        var tag = "-Djtractor.actor=" + name;
        return ProcessHandle.current().children()
                .filter(child -> child.info().arguments()
                        .map(args -> List.of(args).contains(tag)).orElse(false))
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no child process tagged " + tag));
    }

    private static List<String> knownChildOptions() {
        var options = new ArrayList<String>();
        options.add("-XX:+UseSerialGC");
        if (Runtime.version().feature() >= 24) {
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return options;
    }

    /**
     * Starts {@code mainClass} in a new JVM with this process's class path and
     * {@code jvmOptions}; its standard output is discarded, its error output is this process's.
     */
    static Process start(List<String> jvmOptions, Class<?> mainClass, List<String> args) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        try {
            return new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Waits at most {@code bound} for {@code process} to exit, then kills it and everything it
     * started. Returns whether it exited by itself.
     */
    static boolean awaitExitOrKill(Process process, Duration bound) {
        boolean exited;
        try {
            exited = process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return exited;
    }
}
