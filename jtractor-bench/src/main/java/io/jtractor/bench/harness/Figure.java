package io.jtractor.bench.harness;

import java.util.Objects;

/**
 * One measured value.
 *
 * @param value the value, in {@code unit}
 * @param unit its unit
 * @param detail a second way to read it (e.g. {@code 16.4 MB/s} beside a message rate), or null
 */
public record Figure(double value, Unit unit, String detail) {

    public Figure {
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a figure is a finite number, got " + value);
        }
    }

    public static Figure of(double value, Unit unit) {
        return new Figure(value, unit, null);
    }

    /** E.g. {@code 2.31 M msg/s (18.5 MB/s)}. */
    public String text() {
        return unit.format(value) + (detail == null ? "" : " (" + detail + ")");
    }
}
