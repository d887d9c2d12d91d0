package io.jtractor.examples.wordcount;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The summary printed at the end of a job: totals, throughput, the most frequent identifiers
 * and the files each worker handled.
 *
 * <p>Numbers use {@link Locale#ROOT} with grouping commas; a megabyte is 10<sup>6</sup> bytes.
 */
public final class Report {

    /** How many identifiers the summary ranks. */
    public static final int TOP_IDENTIFIERS = 20;

    private Report() {
    }

    /**
     * Formats the summary as lines, each ended by {@code \n}.
     *
     * @param totals the job's merged stats
     * @param elapsed the job's wall-clock time, reading and merging included
     * @return the summary text
     * @throws NullPointerException if an argument is null
     */
    public static String format(Totals totals, Duration elapsed) {
        var text = new StringBuilder();
        appendTotals(text, totals, elapsed);
        appendTopIdentifiers(text, totals);
        appendWorkers(text, totals);
        return text.toString();
    }

    /**
     * Prints the {@linkplain #format summary} and flushes.
     *
     * @param totals the job's merged stats
     * @param elapsed the job's wall-clock time
     * @param out where to print
     * @throws NullPointerException if an argument is null
     */
    public static void print(Totals totals, Duration elapsed, PrintStream out) {
        out.print(format(totals, elapsed));
        out.flush();
    }

    private static void appendTotals(StringBuilder text, Totals totals, Duration elapsed) {
        double seconds = elapsed.toNanos() / 1e9;
        double megabytes = totals.bytes() / 1e6;
        line(text, "files        %,d", totals.files());
        line(text, "lines        %,d", totals.lines());
        line(text, "words        %,d", totals.words());
        line(text, "bytes        %,d (%.1f MB)", totals.bytes(), megabytes);
        line(text, "identifiers  %,d occurrences, %,d distinct",
                totals.identifierOccurrences(), totals.distinctIdentifiers());
        line(text, "elapsed      %.3f s", seconds);
        if (seconds > 0) {
            line(text, "throughput   %,.0f files/s, %.1f MB/s",
                    totals.files() / seconds, megabytes / seconds);
        }
    }

    private static void appendTopIdentifiers(StringBuilder text, Totals totals) {
        var top = totals.top(TOP_IDENTIFIERS);
        if (top.isEmpty()) {
            return;
        }
        int width = top.stream().mapToInt(c -> c.identifier().length()).max().orElse(0);
        text.append('\n');
        line(text, "top %d identifiers", top.size());
        for (int i = 0; i < top.size(); i++) {
            var entry = top.get(i);
            line(text, "%4d. %-" + width + "s  %,12d", i + 1, entry.identifier(), entry.count());
        }
    }

    private static void appendWorkers(StringBuilder text, Totals totals) {
        Map<String, Long> perWorker = totals.filesPerWorker();
        if (perWorker.isEmpty()) {
            return;
        }
        int width = perWorker.keySet().stream().mapToInt(String::length).max().orElse(0);
        text.append('\n');
        line(text, "files per worker");
        for (var entry : perWorker.entrySet()) {
            line(text, "  %-" + width + "s  %,10d", entry.getKey(), entry.getValue());
        }
    }

    private static void line(StringBuilder text, String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
