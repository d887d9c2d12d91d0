package io.jtractor.bench.harness;

import java.util.Locale;

/** The unit of a figure, and how a value in it is written: short, with three significant digits. */
public enum Unit {
    MICROS("us"),
    MILLIS("ms"),
    SECONDS("s"),
    MESSAGES_PER_SECOND("msg/s"),
    MEBIBYTES("MiB");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    /** The unit's symbol, as used in JSON. */
    public String symbol() {
        return symbol;
    }

    /** Writes {@code value} in this unit, e.g. {@code 18.4 us}, {@code 2.31 M msg/s}. */
    public String format(double value) {
        return switch (this) {
            case MICROS -> value >= 10_000 ? digits(value / 1e3) + " ms" : digits(value) + " us";
            case MILLIS -> value >= 10_000 ? digits(value / 1e3) + " s" : digits(value) + " ms";
            case SECONDS, MEBIBYTES -> digits(value) + " " + symbol;
            case MESSAGES_PER_SECOND -> value >= 1e6 ? digits(value / 1e6) + " M msg/s"
                    : value >= 1e3 ? digits(value / 1e3) + " k msg/s"
                    : digits(value) + " msg/s";
        };
    }

    /** Three significant digits, no exponent: 1.23, 12.3, 123, 1234. */
    static String digits(double value) {
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 || magnitude == 0 ? "%.0f"
                : magnitude >= 10 ? "%.1f"
                : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
