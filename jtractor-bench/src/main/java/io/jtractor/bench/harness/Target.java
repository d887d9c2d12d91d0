package io.jtractor.bench.harness;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a row must reach: every condition at once. A row without conditions has no target.
 *
 * @param conditions the conditions, all of which must hold
 */
public record Target(List<Condition> conditions) {

    /** No target: the figure is reported for information. */
    public static final Target NONE = new Target(List.of());

    public Target {
        conditions = List.copyOf(conditions);
    }

    public static Target of(Condition... conditions) {
        return new Target(List.of(conditions));
    }

    /** One condition on a row's ratio or on the jtractor figure itself. */
    public sealed interface Condition {

        /** Whether the condition holds for this ratio and jtractor figure. */
        boolean holds(double ratio, Figure jtractor);

        /** E.g. {@code <= 1.5x}. */
        String text();
    }

    /** The ratio is at most {@code limit} (a cost: latency, time, memory). */
    public record RatioAtMost(double limit) implements Condition {
        @Override
        public boolean holds(double ratio, Figure jtractor) {
            return ratio <= limit;
        }

        @Override
        public String text() {
            return "<= " + times(limit);
        }
    }

    /** The ratio is at least {@code limit} (a rate, or a speed-up). */
    public record RatioAtLeast(double limit) implements Condition {
        @Override
        public boolean holds(double ratio, Figure jtractor) {
            return ratio >= limit;
        }

        @Override
        public String text() {
            return ">= " + times(limit);
        }
    }

    /** The jtractor figure itself is at least {@code minimum}, in its own unit. */
    public record AtLeast(double minimum, Unit unit) implements Condition {
        @Override
        public boolean holds(double ratio, Figure jtractor) {
            if (jtractor.unit() != unit) {
                throw new IllegalArgumentException("a target in " + unit.symbol()
                        + " cannot judge a figure in " + jtractor.unit().symbol());
            }
            return jtractor.value() >= minimum;
        }

        @Override
        public String text() {
            return ">= " + unit.format(minimum);
        }
    }

    public boolean isNone() {
        return conditions.isEmpty();
    }

    /** Whether every condition holds. */
    public boolean isMet(double ratio, Figure jtractor) {
        return conditions.stream().allMatch(c -> c.holds(ratio, jtractor));
    }

    /** E.g. {@code >= 0.5x and >= 2.00 M msg/s}; {@code -} without conditions. */
    public String text() {
        return isNone() ? "-"
                : conditions.stream().map(Condition::text).collect(Collectors.joining(" and "));
    }

    /** A ratio as written in the table: {@code 34x}, {@code 1.50x}, {@code 0.004x}. */
    static String times(double ratio) {
        String pattern = ratio >= 10 ? "%.0f" : ratio >= 0.01 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, ratio) + "x";
    }
}
