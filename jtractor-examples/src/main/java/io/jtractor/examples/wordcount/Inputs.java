package io.jtractor.examples.wordcount;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The {@code .java} files of a directory tree or a zip file, read one at a time.
 *
 * <p>Opening lists the files (names and sizes only, so {@link #fileCount()} and {@link
 * #totalBytes()} are known before reading); each {@link #next()} then reads and decodes one
 * file. A zip is read through its central directory, so no more than one entry is in memory
 * at a time. Files come in a stable order: zip entries in the order of the archive, directory
 * files sorted by relative path.
 *
 * <p>Not thread-safe: one thread iterates, and closes when done.
 */
public final class Inputs implements Iterator<SourceFile>, Closeable {

    private final Path root;
    private final List<String> paths;
    private final long totalBytes;
    private final Function<String, byte[]> reader;
    private final Closeable resource;
    private int nextIndex;

    private Inputs(
            Path root,
            List<String> paths,
            long totalBytes,
            Function<String, byte[]> reader,
            Closeable resource) {
        this.root = root;
        this.paths = paths;
        this.totalBytes = totalBytes;
        this.reader = reader;
        this.resource = resource;
    }

    /**
     * The default input: the running JDK's own sources, {@code $JAVA_HOME/lib/src.zip}, where
     * {@code $JAVA_HOME} is the {@code java.home} system property.
     *
     * @return the path of {@code src.zip}, which exists
     * @throws IllegalArgumentException if the JDK has no {@code lib/src.zip}, as with a JRE or
     *     a JDK installed without sources
     */
    public static Path defaultInput() {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path sources = javaHome.resolve("lib").resolve("src.zip");
        if (!Files.isRegularFile(sources)) {
            throw new IllegalArgumentException(
                    "no JDK sources at " + sources + " (java.home=" + javaHome
                            + "); install the JDK's source package or pass --input PATH");
        }
        return sources;
    }

    /**
     * Lists the {@code .java} files under a directory or inside a zip (or jar) file.
     *
     * <p>Blocks while it walks the directory or reads the zip's central directory.
     *
     * @param input a directory, walked recursively, or a zip file
     * @return the files, ready to iterate; the caller closes it
     * @throws IllegalArgumentException if {@code input} does not exist or is neither a
     *     directory nor a zip file
     * @throws UncheckedIOException if listing fails
     */
    public static Inputs open(Path input) {
        if (Files.isDirectory(input)) {
            return openDirectory(input);
        }
        if (Files.isRegularFile(input)) {
            return openZip(input);
        }
        throw new IllegalArgumentException(
                "input not found: " + input + " (expected a directory or a zip file)");
    }

    private static Inputs openDirectory(Path root) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.getFileName() != null)
                    .filter(p -> isJavaSource(p.getFileName().toString()))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException(
                    "cannot list files under " + root, asIOException(e));
        }
        long totalBytes = 0;
        for (Path file : files) {
            totalBytes += sizeOf(file);
        }
        List<String> paths = files.stream().map(p -> relativeName(root, p)).toList();
        return new Inputs(root, paths, totalBytes, name -> readFile(root, name), () -> { });
    }

    private static Inputs openZip(Path file) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new IllegalArgumentException("input is neither a directory nor a zip file: "
                    + file + " (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open zip file " + file, e);
        }
        List<? extends ZipEntry> entries = zip.stream()
                .filter(e -> !e.isDirectory() && isJavaSource(e.getName()))
                .toList();
        long totalBytes = entries.stream().mapToLong(e -> Math.max(e.getSize(), 0)).sum();
        List<String> paths = entries.stream().map(ZipEntry::getName).toList();
        return new Inputs(file, paths, totalBytes, name -> readEntry(zip, name), zip);
    }

    /** The directory or zip file the files come from, as given to {@link #open}. */
    public Path root() {
        return root;
    }

    /**
     * Reads the file at {@code index} in this input's stable order, without decoding it and
     * without moving the iteration; another {@code Inputs} opened on the same unchanged input
     * finds the same file at the same index. Safe to call from several threads at once.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not below {@link #fileCount()}
     * @throws UncheckedIOException if reading fails, with the file's path in the message
     */
    public SourceBytes read(int index) {
        String path = paths.get(index);
        return new SourceBytes(path, reader.apply(path));
    }

    /** How many files this yields in all, read or not. */
    public int fileCount() {
        return paths.size();
    }

    /**
     * The sum of the files' sizes in bytes, as listed when opened; for a zip, the uncompressed
     * sizes that its directory declares.
     */
    public long totalBytes() {
        return totalBytes;
    }

    /** Whether a file remains to be read. */
    @Override
    public boolean hasNext() {
        return nextIndex < paths.size();
    }

    /**
     * Reads and decodes the next file; malformed UTF-8 becomes U+FFFD.
     *
     * @throws NoSuchElementException if all files have been read
     * @throws UncheckedIOException if reading fails, with the file's path in the message
     */
    @Override
    public SourceFile next() {
        return nextBytes().decode();
    }

    /**
     * Reads the next file without decoding it.
     *
     * @throws NoSuchElementException if all files have been read
     * @throws UncheckedIOException if reading fails, with the file's path in the message
     */
    public SourceBytes nextBytes() {
        if (!hasNext()) {
            throw new NoSuchElementException(
                    "all " + paths.size() + " files of " + root + " have been read");
        }
        String path = paths.get(nextIndex++);
        return new SourceBytes(path, reader.apply(path));
    }

    /**
     * Releases the zip file, if any; iterating afterwards fails. Closing twice does nothing.
     *
     * @throws UncheckedIOException if closing the zip file fails
     */
    @Override
    public void close() {
        try {
            resource.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + root, e);
        }
    }

    @Override
    public String toString() {
        return "Inputs[root=" + root + ", files=" + paths.size() + ", read=" + nextIndex + "]";
    }

    private static boolean isJavaSource(String name) {
        return name.endsWith(".java");
    }

    private static String relativeName(Path root, Path file) {
        var name = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (!name.isEmpty()) {
                name.append('/');
            }
            name.append(part);
        }
        return name.toString();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }

    private static byte[] readFile(Path root, String name) {
        Path file = root.resolve(name);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static byte[] readEntry(ZipFile zip, String name) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new UncheckedIOException(new IOException(
                    "entry " + name + " vanished from " + zip.getName()));
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read entry " + name + " of " + zip.getName(), e);
        }
    }

    private static IOException asIOException(Exception e) {
        return e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
    }
}
