package io.jtractor.bench.workloads;

import java.util.Locale;

/**
 * How a driver reports to the harness: one line per figure on standard output, starting with
 * {@value #VALUE_PREFIX} or {@value #NOTE_PREFIX}, then a key without spaces, one space, and the
 * value. Other lines (the actors' forwarded output) are not results.
 */
public final class Results {

    public static final String VALUE_PREFIX = "@bench-value ";
    public static final String NOTE_PREFIX = "@bench-note ";

    private Results() {
    }

    /** Reports a figure, e.g. {@code value("jtractor.median_us", 41.2)}. */
    public static synchronized void value(String key, double value) {
        checkKey(key);
        System.out.println(VALUE_PREFIX + key + " " + String.format(Locale.ROOT, "%.6g", value));
        System.out.flush();
    }

    /** Reports a fact worth a footnote, e.g. a pinning that could not be done. */
    public static synchronized void note(String key, String text) {
        checkKey(key);
        System.out.println(NOTE_PREFIX + key + " " + text.replace('\n', ' '));
        System.out.flush();
    }

    private static void checkKey(String key) {
        if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a result key has no spaces, got '" + key + "'");
        }
    }
}
