package io.jtractor.examples.wordcount;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one worker found in all the files it analysed: the sums and the identifier counts,
 * sent back to the root once, when the worker is done.
 *
 * <p>Travels as a plain list, {@code [files, lines, words, bytes, {identifier: count}]} ({@link
 * #toMessage()}, {@link #fromMessage}), which the runtime encodes and decodes without Jackson:
 * for a hundred thousand identifiers that is a few times cheaper than a record, and it keeps
 * Jackson out of the worker and the root altogether.
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

    /** These totals as they travel; the list holds this record's map, not a copy. */
    public List<Object> toMessage() {
        return List.of(files, lines, words, bytes, identifiers);
    }

    /**
     * The totals that {@link #toMessage()} sent, as the receiver decodes them; the decoded map
     * is taken over, not copied.
     *
     * @throws IllegalArgumentException if {@code message} is not a list of four integers and a
     *     map from identifiers to integer counts
     */
    public static WorkerTotals fromMessage(Object message) {
        long[] sums = Messages.integers(message, 4, "worker's totals");
        var list = (List<?>) message;
        if (list.size() != 5 || !(list.get(4) instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a worker's totals are a list of four integers"
                    + " and a map, got " + Messages.describe(message));
        }
        for (var entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String) || !(entry.getValue() instanceof Long)) {
                throw new IllegalArgumentException("a worker's identifier counts map strings"
                        + " to integers, got " + Messages.describe(entry.getKey()) + " -> "
                        + Messages.describe(entry.getValue()));
            }
        }
        @SuppressWarnings("unchecked") // every entry was checked above
        var identifiers = (Map<String, Long>) map;
        return new WorkerTotals(sums[0], sums[1], sums[2], sums[3], identifiers);
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
