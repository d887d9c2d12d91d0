package io.jtractor.examples.wordcount;

import java.util.Objects;

/**
 * One input file: its path inside the input and its text.
 *
 * <p>A plain record so that it travels to a worker as a msgpack map of two strings.
 *
 * @param path where the file was found, relative to the input root, with {@code /} separators
 * @param text the file's content decoded as UTF-8
 */
public record SourceFile(String path, String text) {

    /**
     * Checks that both fields are present.
     *
     * @throws NullPointerException if {@code path} or {@code text} is null
     */
    public SourceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return "SourceFile[path=" + path + ", chars=" + text.length() + "]";
    }
}
