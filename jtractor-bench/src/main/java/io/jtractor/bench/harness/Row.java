package io.jtractor.bench.harness;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One line of the table: a workload, the jtractor figure, the baseline figure measured in the
 * same run, their ratio and the target.
 *
 * <p>The ratio is jtractor over baseline (so a cost above 1x is slower than the baseline and a
 * rate below 1x is lower), except for a {@code speedup} row, where it is baseline over jtractor.
 *
 * @param workload what was measured, e.g. {@code RPC round trip, 1 CPU, median}
 * @param jtractor the jtractor figure, or null if it was not measured
 * @param baseline the baseline figure, or null if it was not measured
 * @param speedup whether the ratio is baseline over jtractor (a speed-up)
 * @param target what the ratio (or the figure) must reach
 * @param notes footnotes: pinning that failed, processes left over, a failure
 */
public record Row(
        String workload,
        Figure jtractor,
        Figure baseline,
        boolean speedup,
        Target target,
        List<String> notes) {

    public Row {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(target, "target");
        notes = List.copyOf(notes);
        if (jtractor != null && baseline != null && jtractor.unit() != baseline.unit()) {
            throw new IllegalArgumentException(workload + ": jtractor in "
                    + jtractor.unit().symbol() + " but baseline in " + baseline.unit().symbol());
        }
    }

    /** A row whose ratio is jtractor over baseline. */
    public static Row of(String workload, Figure jtractor, Figure baseline, Target target,
            List<String> notes) {
        return new Row(workload, jtractor, baseline, false, target, notes);
    }

    /** The ratio, when both figures are there and the divisor is not zero. */
    public OptionalDouble ratio() {
        if (jtractor == null || baseline == null) {
            return OptionalDouble.empty();
        }
        double numerator = speedup ? baseline.value() : jtractor.value();
        double divisor = speedup ? jtractor.value() : baseline.value();
        return divisor == 0 ? OptionalDouble.empty() : OptionalDouble.of(numerator / divisor);
    }

    public Verdict verdict() {
        var ratio = ratio();
        if (ratio.isEmpty()) {
            return Verdict.NOT_MEASURED;
        }
        if (target.isNone()) {
            return Verdict.NO_TARGET;
        }
        return target.isMet(ratio.getAsDouble(), jtractor) ? Verdict.MET : Verdict.MISSED;
    }

    /** The ratio as written in the table, e.g. {@code 1.87x} or {@code 0.29x speedup}. */
    public String ratioText() {
        var ratio = ratio();
        if (ratio.isEmpty()) {
            return "-";
        }
        return Target.times(ratio.getAsDouble()) + (speedup ? " speedup" : "");
    }
}
