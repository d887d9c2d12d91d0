package io.jtractor.examples.wordcount;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The running merge of all {@link FileStats} of a job: sums, identifier counts and how many
 * files each worker handled.
 *
 * <p>Thread-safe: every method holds this object's lock, so stats may be added from several
 * threads, though a job normally merges on one.
 */
public final class Totals {

    /** Orders by count, highest first, then by identifier. */
    private static final Comparator<IdentifierCount> RANKING =
            Comparator.comparingLong(IdentifierCount::count).reversed()
                    .thenComparing(IdentifierCount::identifier);

    // Guarded by this: written and read only by the synchronized methods.
    private final Map<String, Long> identifiers = new HashMap<>();
    private final Map<String, Long> filesPerWorker = new TreeMap<>(Totals::compareWorkerNames);
    private long files;
    private long lines;
    private long words;
    private long bytes;
    private long identifierOccurrences;

    /**
     * How often one identifier occurred across all files.
     *
     * @param identifier the identifier
     * @param count its occurrences, at least 1
     */
    public record IdentifierCount(String identifier, long count) {
    }

    /** Creates empty totals. */
    public Totals() {
    }

    /**
     * Adds one file's stats.
     *
     * @param worker the name of the worker that analyzed the file, as it should appear in
     *     the report
     * @param stats the file's stats
     * @throws NullPointerException if an argument is null
     */
    public synchronized void add(String worker, FileStats stats) {
        Objects.requireNonNull(worker, "worker");
        files++;
        lines += stats.lines();
        words += stats.words();
        bytes += stats.bytes();
        filesPerWorker.merge(worker, 1L, Long::sum);
        for (var entry : stats.identifiers().entrySet()) {
            identifiers.merge(entry.getKey(), (long) entry.getValue(), Long::sum);
            identifierOccurrences += entry.getValue();
        }
    }

    /**
     * Adds everything one worker found ({@link #add} for each of its files, in one step).
     *
     * @param worker the worker's name, as it should appear in the report
     * @param part the worker's totals
     * @throws NullPointerException if an argument is null
     */
    public synchronized void addAll(String worker, WorkerTotals part) {
        Objects.requireNonNull(worker, "worker");
        files += part.files();
        lines += part.lines();
        words += part.words();
        bytes += part.bytes();
        if (part.files() > 0) {
            filesPerWorker.merge(worker, part.files(), Long::sum);
        }
        for (var entry : part.identifiers().entrySet()) {
            identifiers.merge(entry.getKey(), entry.getValue(), Long::sum);
            identifierOccurrences += entry.getValue();
        }
    }

    /** The number of files added. */
    public synchronized long files() {
        return files;
    }

    /** The sum of the files' lines. */
    public synchronized long lines() {
        return lines;
    }

    /** The sum of the files' words. */
    public synchronized long words() {
        return words;
    }

    /** The sum of the files' UTF-8 sizes in bytes. */
    public synchronized long bytes() {
        return bytes;
    }

    /** The number of different identifiers seen. */
    public synchronized int distinctIdentifiers() {
        return identifiers.size();
    }

    /** The number of identifier occurrences, all identifiers together. */
    public synchronized long identifierOccurrences() {
        return identifierOccurrences;
    }

    /** How often {@code identifier} occurred; 0 if never. */
    public synchronized long count(String identifier) {
        return identifiers.getOrDefault(identifier, 0L);
    }

    /**
     * The most frequent identifiers: by count, highest first, ties by identifier in
     * {@link String#compareTo} order.
     *
     * @param limit how many to return at most
     * @return up to {@code limit} identifiers, fewer if fewer were seen
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public synchronized List<IdentifierCount> top(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        return identifiers.entrySet().stream()
                .map(e -> new IdentifierCount(e.getKey(), e.getValue()))
                .sorted(RANKING)
                .limit(limit)
                .toList();
    }

    /**
     * How many files each worker handled, a copy ordered by worker name, where a trailing
     * number compares as a number: {@code worker-2} comes before {@code worker-10}.
     */
    public synchronized Map<String, Long> filesPerWorker() {
        var copy = new TreeMap<String, Long>(Totals::compareWorkerNames);
        copy.putAll(filesPerWorker);
        return copy;
    }

    /** Compares the names before any trailing digits, then those digits as numbers. */
    private static int compareWorkerNames(String a, String b) {
        int aDigits = trailingDigitsStart(a);
        int bDigits = trailingDigitsStart(b);
        int byPrefix = a.substring(0, aDigits).compareTo(b.substring(0, bDigits));
        if (byPrefix != 0) {
            return byPrefix;
        }
        String aNumber = a.substring(aDigits);
        String bNumber = b.substring(bDigits);
        int byLength = Integer.compare(aNumber.length(), bNumber.length());
        return byLength != 0 ? byLength : aNumber.compareTo(bNumber);
    }

    private static int trailingDigitsStart(String name) {
        int start = name.length();
        while (start > 0 && Character.isDigit(name.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    @Override
    public synchronized String toString() {
        return "Totals[files=" + files + ", lines=" + lines + ", words=" + words
                + ", bytes=" + bytes + ", distinctIdentifiers=" + identifiers.size()
                + ", workers=" + filesPerWorker.size() + "]";
    }
}
