package io.jtractor.examples.wordcount;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One source file as read, not yet decoded: what a worker reads from the input
 * ({@link Inputs#read(int)}) before it decodes and analyses it.
 *
 * @param path the file's path relative to the input, with {@code /} separators
 * @param content the file's bytes, UTF-8 by convention
 */
public record SourceBytes(String path, byte[] content) {

    /**
     * Checks that both fields are present.
     *
     * @throws NullPointerException if {@code path} or {@code content} is null
     */
    public SourceBytes {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
    }

    /** The file decoded as UTF-8; malformed input becomes U+FFFD. */
    public SourceFile decode() {
        return new SourceFile(path, new String(content, StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SourceBytes that && path.equals(that.path)
                && java.util.Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + java.util.Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "SourceBytes[path=" + path + ", bytes=" + content.length + "]";
    }
}
