package io.jtractor.examples.wordcount;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one worker found in all the files it analysed: the sums and the identifier counts,
 * sent back to the root once, when the worker is done.
 *
 * @param files the number of files
 * @param lines the sum of their lines
 * @param words the sum of their words
 * @param bytes the sum of their sizes in bytes
 * @param identifiers how often each identifier occurred, over all the files; never null
 */
public record WorkerTotals(long files, long lines, long words, long bytes,
        Map<String, Long> identifiers) {

    /**
     * Checks the fields. The map is not copied (it can hold a hundred thousand entries): the
     * caller hands it over.
     *
     * @throws NullPointerException if {@code identifiers} is null
     */
    public WorkerTotals {
        Objects.requireNonNull(identifiers, "identifiers");
    }

    /** Sums file stats as a worker analyses them; not thread-safe. */
    static final class Tally {
        private final Map<String, Long> identifiers = new HashMap<>();
        private long files;
        private long lines;
        private long words;
        private long bytes;

        void add(FileStats stats) {
            files++;
            lines += stats.lines();
            words += stats.words();
            bytes += stats.bytes();
            for (var entry : stats.identifiers().entrySet()) {
                identifiers.merge(entry.getKey(), (long) entry.getValue(), Long::sum);
            }
        }

        long files() {
            return files;
        }

        WorkerTotals totals() {
            return new WorkerTotals(files, lines, words, bytes, identifiers);
        }
    }

    @Override
    public String toString() {
        return "WorkerTotals[files=" + files + ", lines=" + lines + ", words=" + words
                + ", bytes=" + bytes + ", distinctIdentifiers=" + identifiers.size() + "]";
    }
}
