package io.jtractor.internal.spawn;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The JDK's ahead-of-time cache for child actors (JDK 25 and later): the classes a child loads
 * and links on its way to ready, trained once per class path by {@link AotTraining} and mapped
 * by every child started afterwards, so that it neither reads nor verifies them again
 * (figures in {@code jtractor-bench/RESULTS.md}).
 *
 * <p>One cache per class path: its file name is a hash of the JDK, the class path and the size
 * and modification time of every jar on it, so a rebuilt jar makes a new name and the old cache
 * is never offered to a JVM it no longer fits. Caches live in
 * {@code $XDG_CACHE_HOME/jtractor/aot} or {@code ~/.cache/jtractor/aot} ({@value #DIR_PROPERTY}
 * elsewhere), in one folder per list of class path entries, so that retraining can delete the
 * stale caches of the same program and leave other programs' alone. The JVM checks the cache
 * itself when it starts and falls back to loading classes normally when the cache does not
 * fit, quietly (its AOT logging is off).
 *
 * <p>A class path with a folder on it cannot be cached (the JVM refuses to dump one), nor can
 * one on a JDK before 25: children then start without a cache, as they do when
 * {@value #MODE_PROPERTY} is {@code off} or no cache was trained.
 */
public final class AotCache {

    /** The folder that holds the caches. */
    public static final String DIR_PROPERTY = "jtractor.aot.dir";

    /** {@code off} starts children without a cache. */
    public static final String MODE_PROPERTY = "jtractor.aot";

    /** The first JDK that trains a cache in one run and maps it with {@code -XX:AOTCache}. */
    static final int MIN_FEATURE = 25;

    private static volatile Optional<Path> found;

    private AotCache() {
    }

    /**
     * The JVM options that start a child of this class path from its cache, or none when there
     * is no usable cache (looked up on each call until one exists, then kept).
     */
    static List<String> childOptions() {
        var cache = found;
        if (cache == null || cache.isEmpty()) {
            cache = cacheFile().filter(Files::isRegularFile);
            found = cache;
        }
        var options = new ArrayList<String>();
        cache.ifPresent(file -> {
            options.add("-XX:AOTCache=" + file);
            // A cache the JVM finds stale is skipped; it must not print that on the child's
            // standard output, which the parent forwards as the actor's own.
            options.add("-Xlog:aot=off,cds=off");
        });
        return options;
    }

    /**
     * Where the cache of this process's class path lives (whether or not it exists yet), or
     * empty when this JDK or class path cannot have one or caching is off.
     */
    static Optional<Path> cacheFile() {
        var classPath = classPath();
        return unusableBecause().isPresent() ? Optional.empty()
                : Optional.of(folder().resolve(hash(classPath, false))
                        .resolve("child-" + hash(classPath, true) + ".aot"));
    }

    /** Why children of this process cannot start from a cache, or empty if they can. */
    static Optional<String> unusableBecause() {
        return unusableBecause(System.getProperty(MODE_PROPERTY, ""),
                Runtime.version().feature(), classPath());
    }

    /** Why a JDK {@code feature} with {@code classPath} cannot cache, or empty if it can. */
    static Optional<String> unusableBecause(String mode, int feature, List<String> classPath) {
        if ("off".equalsIgnoreCase(mode)) {
            return Optional.of(MODE_PROPERTY + "=off");
        }
        if (feature < MIN_FEATURE) {
            return Optional.of("JDK " + feature + " (needs " + MIN_FEATURE + " or later)");
        }
        if (classPath.isEmpty()) {
            return Optional.of("the class path is empty");
        }
        for (var entry : classPath) {
            if (!entry.endsWith(".jar") || !new File(entry).isFile()) {
                return Optional.of("the class path holds " + entry + ", not a jar file");
            }
        }
        return Optional.empty();
    }

    /**
     * The folder of the caches: {@value #DIR_PROPERTY}, else the user's cache folder; each
     * class path (its entries' names) has a folder of its own in it.
     */
    static Path folder() {
        var dir = System.getProperty(DIR_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        var xdg = System.getenv("XDG_CACHE_HOME");
        var base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jtractor").resolve("aot");
    }

    static List<String> classPath() {
        var cp = System.getProperty("java.class.path", "");
        return cp.isEmpty() ? List.of() : List.of(cp.split(File.pathSeparator));
    }

    /**
     * 16 hex digits over the JDK and the class path, with each jar's size and modification
     * time when {@code withContents}.
     */
    static String hash(List<String> classPath, boolean withContents) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            update(digest, System.getProperty("java.home") + "|" + Runtime.version());
            for (var entry : classPath) {
                var file = new File(entry);
                update(digest, "|" + file.getAbsolutePath());
                if (withContents) {
                    update(digest, ":" + file.length() + ":" + file.lastModified());
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The file, in a class path's folder, that lists the class path the caches there serve. */
    static final String CLASS_PATH_FILE = "classpath";

    /** Records, in {@code file}'s folder, the class path its caches serve. */
    static void recordClassPath(Path file, List<String> classPath) throws IOException {
        Files.write(file.getParent().resolve(CLASS_PATH_FILE), classPath, StandardCharsets.UTF_8);
    }

    /**
     * Deletes, in the folder of the caches, the folders of other programs that are gone: those
     * whose recorded class path names a jar that no longer exists (a deleted checkout, a moved
     * build). A folder without a record, or whose record cannot be read, is left alone.
     */
    static void deleteAbandoned(Path file) throws IOException {
        var mine = file.getParent();
        try (var folders = Files.newDirectoryStream(mine.getParent(), Files::isDirectory)) {
            for (var folder : folders) {
                if (!folder.equals(mine) && isAbandoned(folder)) {
                    deleteFolder(folder);
                }
            }
        }
    }

    private static boolean isAbandoned(Path folder) {
        try {
            var recorded = Files.readAllLines(folder.resolve(CLASS_PATH_FILE),
                    StandardCharsets.UTF_8);
            return !recorded.isEmpty()
                    && recorded.stream().anyMatch(entry -> !Files.isRegularFile(Path.of(entry)));
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        try (var files = Files.newDirectoryStream(folder)) {
            for (var f : files) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(folder);
    }

    /**
     * Deletes the caches of older builds in {@code file}'s folder: every {@code *.aot} file
     * whose name does not end like {@code file}'s ({@code -HASH.aot}; a benchmark keeps a
     * baseline's cache beside the children's, named after the same build).
     */
    static void deleteOthers(Path file) throws IOException {
        var name = file.getFileName().toString();
        var build = name.substring(name.lastIndexOf('-'));
        try (var others = Files.newDirectoryStream(file.getParent(), "*.aot")) {
            for (var other : others) {
                if (!other.getFileName().toString().endsWith(build)) {
                    Files.deleteIfExists(other);
                }
            }
        }
    }
}
