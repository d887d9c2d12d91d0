package io.jtractor.examples.wordcount;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * What a worker found in one file.
 *
 * <p>A plain record so that it travels back to the root as a msgpack map.
 *
 * @param path the file's path, as in {@link SourceFile#path()}
 * @param lines the number of lines; a last line without a terminator counts, an empty file
 *     has none
 * @param words the number of whitespace-separated tokens
 * @param bytes the size of the text encoded as UTF-8
 * @param identifiers how often each Java identifier occurs in code, outside comments and
 *     literals, keywords excluded; never null
 */
public record FileStats(
        String path,
        int lines,
        int words,
        long bytes,
        Map<String, Integer> identifiers) {

    /**
     * Checks the fields and makes {@code identifiers} an unmodifiable view. The map is not
     * copied, since copying costs as much as counting: the caller hands it over and must not
     * change it afterwards.
     *
     * @throws NullPointerException if {@code path} or {@code identifiers} is null
     * @throws IllegalArgumentException if a count is negative
     */
    public FileStats {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(identifiers, "identifiers");
        identifiers = Collections.unmodifiableMap(identifiers);
        if (lines < 0 || words < 0 || bytes < 0) {
            throw new IllegalArgumentException(
                    "negative count in stats of " + path + ": lines=" + lines
                            + " words=" + words + " bytes=" + bytes);
        }
    }

    @Override
    public String toString() {
        return "FileStats[path=" + path + ", lines=" + lines + ", words=" + words
                + ", bytes=" + bytes + ", distinctIdentifiers=" + identifiers.size() + "]";
    }
}
