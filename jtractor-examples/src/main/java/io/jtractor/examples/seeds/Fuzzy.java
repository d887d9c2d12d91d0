package io.jtractor.examples.seeds;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Fuzzy matching of a search pattern against names, scored 0 to 100 like the common fuzzy
 * string libraries: the ratio of two strings is {@code 200 * lcs / (len(a) + len(b))} (lcs: the
 * longest common subsequence), and a name scores the best ratio of the pattern against the
 * whole name or any slice of the name as long as the pattern. Case is ignored.
 */
final class Fuzzy {

    private Fuzzy() {
    }

    /**
     * The at most {@code limit} entries whose key scores at least {@code scoreCutoff} against
     * {@code pattern}, best first (ties by key), in a map that keeps that order.
     */
    static <V> Map<String, V> bestMatches(String pattern, Map<String, V> choices,
            int scoreCutoff, int limit) {
        var result = new LinkedHashMap<String, V>();
        choices.keySet().stream()
                .map(key -> Map.entry(key, score(pattern, key)))
                .filter(scored -> scored.getValue() >= scoreCutoff)
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(scored -> result.put(scored.getKey(), choices.get(scored.getKey())));
        return result;
    }

    /** The score of {@code name} for {@code pattern}, from 0 to 100. */
    static int score(String pattern, String name) {
        var p = pattern.toUpperCase(Locale.ROOT);
        var n = name.toUpperCase(Locale.ROOT);
        int best = ratio(p, n);
        for (int start = 0; start + p.length() <= n.length(); start++) {
            best = Math.max(best, ratio(p, n.substring(start, start + p.length())));
        }
        return best;
    }

    private static int ratio(String a, String b) {
        int total = a.length() + b.length();
        return total == 0 ? 100 : Math.round(200f * commonSubsequence(a, b) / total);
    }

    private static int commonSubsequence(String a, String b) {
        var previous = new int[b.length() + 1];
        for (int i = 1; i <= a.length(); i++) {
            var current = new int[b.length() + 1];
            for (int j = 1; j <= b.length(); j++) {
                current[j] = a.charAt(i - 1) == b.charAt(j - 1) ? previous[j - 1] + 1
                        : Math.max(previous[j], current[j - 1]);
            }
            previous = current;
        }
        return previous[b.length()];
    }
}
