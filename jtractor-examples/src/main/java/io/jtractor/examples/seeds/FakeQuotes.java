package io.jtractor.examples.seeds;

/**
 * Fake market data for one instrument: each tick moves the price one unit along a fixed
 * triangle between {@code LOW} and {@code HIGH}, starting at {@code MID} and rising first.
 * Deterministic, so that tests know which limit prices will be crossed.
 */
final class FakeQuotes {

    static final double MID = 100;
    static final double LOW = 95;
    static final double HIGH = 105;

    private final String symbol;
    /** Written and read by the one task that draws quotes. */
    private long tick;

    FakeQuotes(String symbol) {
        this.symbol = symbol;
    }

    /** The next tick's quote. Never blocks: pacing is up to the caller. */
    Quote next() {
        tick++;
        return new Quote(symbol, tick, priceAt(tick));
    }

    /** The price at {@code tick}: up from MID to HIGH, down to LOW, back up to MID, repeat. */
    static double priceAt(long tick) {
        long amplitude = (long) (HIGH - MID);
        long period = 4 * amplitude;
        long phase = Math.floorMod(tick, period);
        long offset = phase <= amplitude ? phase
                : phase <= 3 * amplitude ? 2 * amplitude - phase
                : phase - period;
        return MID + offset;
    }
}
