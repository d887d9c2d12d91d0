package io.jtractor.internal.spawn;

import io.jtractor.ActorNursery;
import io.jtractor.RootOptions;
import io.jtractor.SpawnOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Trains the {@link AotCache} of this class path: {@code java -cp CP AotTraining [--replace]}.
 * Does nothing when the cache exists, cannot exist (see {@link AotCache#unusableBecause()}) or
 * another process is training it; {@code --replace} then deletes the caches of other class
 * paths in the same folder. Exit code 0 unless training failed (1); a failure leaves no cache,
 * and children start without one.
 *
 * <p>Training is the JDK's two steps: a child actor booted the usual way (a root on a private
 * registrar spawns it) records which classes it loads and links until it is ready
 * ({@code -XX:AOTMode=record}), then a JVM with the children's options turns the recording into
 * the cache ({@code -XX:AOTMode=create}), written under a temporary name and moved into place
 * whole.
 */
public final class AotTraining {

    private static final long CREATE_BOUND_SECONDS = 120;
    private static final long RECORD_EXIT_BOUND_SECONDS = 60;
    private static final String CHILD_NAME = "aot-training";

    private AotTraining() {
    }

    public static void main(String[] args) {
        boolean replace = List.of(args).contains("--replace");
        var why = AotCache.unusableBecause();
        if (why.isPresent()) {
            System.err.println("jtractor: no start-up cache for actors: " + why.get());
            return;
        }
        var cache = AotCache.cacheFile().orElseThrow();
        try {
            if (!Files.isRegularFile(cache)) {
                Files.createDirectories(cache.getParent());
                trainLocked(cache);
            }
            if (replace && Files.isRegularFile(cache)) {
                AotCache.recordClassPath(cache, AotCache.classPath());
                AotCache.deleteOthers(cache);
                AotCache.deleteAbandoned(cache);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("jtractor: could not train the start-up cache " + cache + ": "
                    + e);
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void trainLocked(Path cache) throws IOException, InterruptedException {
        var lockFile = cache.resolveSibling(cache.getFileName() + ".lock");
        try (var channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); var lock = channel.tryLock()) {
            if (lock == null || Files.isRegularFile(cache)) {
                return;
            }
            var config = cache.resolveSibling(cache.getFileName() + ".conf.tmp");
            var created = cache.resolveSibling(cache.getFileName() + ".tmp");
            try {
                record(config);
                create(config, created);
                Files.move(created, cache, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(config);
                Files.deleteIfExists(created);
            }
        } finally {
            Files.deleteIfExists(lockFile);
        }
    }

    /**
     * Boots one child that records its class loading into {@code config}, and ends it. The
     * recording covers the way to ready only (spawn, registration, the parent's ping): what
     * every child does. Classes that only some actors load (the payload mapper) would make the
     * cache, and every idle child mapping it, bigger for all.
     */
    private static void record(Path config) {
        var options = SpawnOptions.exposing(AotTraining.class).withJvmOptions(
                "-XX:AOTMode=record", "-XX:AOTConfiguration=" + config, "-Xlog:aot=off,cds=off",
                "-D" + AotCache.MODE_PROPERTY + "=off");
        var root = RootOptions.named("aot-training")
                .withRegistry("127.0.0.1:" + freePort())
                .withRegistration(false);
        try (var actors = ActorNursery.open(root)) {
            actors.startActor(CHILD_NAME, options);
            awaitRecorded(childProcess());
        } catch (RuntimeException e) {
            // The nursery may report the child's end by SIGTERM as its failure; what counts is
            // the recording, checked below.
            if (!Files.isRegularFile(config)) {
                throw e;
            }
        }
        if (!Files.isRegularFile(config)) {
            throw new IllegalStateException("the training child wrote no AOT configuration to "
                    + config);
        }
    }

    /** The training child's process, found by the name tag on its command line. */
    private static ProcessHandle childProcess() {
        var tag = "-Djtractor.actor=" + CHILD_NAME;
        return ProcessHandle.current().children()
                .filter(child -> child.info().arguments()
                        .map(args -> List.of(args).contains(tag)).orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no child process tagged " + tag));
    }

    /**
     * Ends the child with SIGTERM (its runtime ends through the shutdown hook, without a call
     * that would load the payload mapper) and waits until it has exited: a recording JVM
     * writes its configuration as it exits, which can take longer than the cancel ladder
     * grants a child.
     */
    private static void awaitRecorded(ProcessHandle child) {
        child.destroy();
        try {
            child.onExit().get(RECORD_EXIT_BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the training child (pid " + child.pid()
                    + ") did not exit within " + RECORD_EXIT_BOUND_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the training child exits", e);
        }
    }

    /** Turns the recording into the cache, with the options every child starts with. */
    private static void create(Path config, Path cache) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(ChildProcess.javaExecutable());
        command.addAll(ChildProcess.standardOptions());
        command.add("-XX:AOTMode=create");
        command.add("-XX:AOTConfiguration=" + config);
        command.add("-XX:AOTCache=" + cache);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        var process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!process.waitFor(CREATE_BOUND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            throw new IllegalStateException("creating the AOT cache took over "
                    + CREATE_BOUND_SECONDS + " s");
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(cache)) {
            throw new IllegalStateException("creating the AOT cache failed: exit code "
                    + process.exitValue());
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port: " + e.getMessage(), e);
        }
    }
}
