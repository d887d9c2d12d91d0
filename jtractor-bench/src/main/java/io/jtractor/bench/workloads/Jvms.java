package io.jtractor.bench.workloads;

import io.jtractor.bench.raw.BareChild;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Second JVMs for the baselines (raw peers, bare children), started exactly like an actor child:
 * the same {@code java}, the same class path, and the same JVM options, read from the command
 * line of a running actor child so that they stay the same whatever the runtime adds.
 *
 * <p>One option is translated rather than copied: when the children start from the JDK's AOT
 * cache ({@code -XX:AOTCache=DIR/child-BUILD.aot}), the baselines start from a cache of their
 * own, {@code DIR/bare-BUILD.aot}, trained here once per build on a bare child. Mapping the
 * children's cache would make a bare JVM slower and bigger (it maps classes it never uses), so
 * the ratio would flatter the runtime; a cache of its own gives the baseline the same help.
 */
final class Jvms {

    private static final String AOT_CACHE = "-XX:AOTCache=";
    private static final String CHILD_CACHE_PREFIX = "child-";
    private static final String BARE_CACHE_PREFIX = "bare-";
    private static final Duration CREATE_BOUND = Duration.ofSeconds(120);

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
            if (argument.startsWith(AOT_CACHE) && argument.contains(CHILD_CACHE_PREFIX)) {
                options.add(AOT_CACHE + bareCache(argument.substring(AOT_CACHE.length()),
                        options));
            } else if (!argument.startsWith("-Djtractor.actor=")) {
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

    /**
     * The baseline's cache beside the children's cache {@code childCache}, trained first if
     * missing, with the options read so far (those before the cache option).
     */
    private static String bareCache(String childCache, List<String> optionsBefore) {
        var child = Path.of(childCache);
        var bare = child.resolveSibling(child.getFileName().toString()
                .replace(CHILD_CACHE_PREFIX, BARE_CACHE_PREFIX));
        synchronized (Jvms.class) {
            if (!Files.isRegularFile(bare)) {
                trainBareCache(bare, optionsBefore);
            }
        }
        return bare.toString();
    }

    /** The JDK's two steps: a bare child records as it runs and exits, then a JVM creates. */
    private static void trainBareCache(Path cache, List<String> options) {
        var config = cache.resolveSibling(cache.getFileName() + ".conf.tmp");
        var created = cache.resolveSibling(cache.getFileName() + ".tmp");
        try {
            var record = new ArrayList<>(options);
            record.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + config,
                    "-Xlog:aot=off,cds=off"));
            BareChildren.start(1, 1, record).close();
            var create = new ArrayList<>(options);
            create.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + config,
                    "-XX:AOTCache=" + created, "-Xlog:aot=off,cds=off"));
            var process = start(create, BareChild.class, List.of());
            if (!awaitExitOrKill(process, CREATE_BOUND) || process.exitValue() != 0) {
                throw new IllegalStateException("creating the baseline's AOT cache " + cache
                        + " failed or took over " + CREATE_BOUND.toSeconds() + " s");
            }
            Files.move(created, cache, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot train the baseline's AOT cache " + cache
                    + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(config);
            deleteQuietly(created);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temporary file is overwritten by the next training.
        }
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
