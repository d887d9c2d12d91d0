package io.jtractor.sc;

/**
 * Raised once to a broadcast subscriber that fell further behind than the broadcast's window:
 * the values it missed are gone, and its next receive returns the oldest value still retained.
 */
public final class Lagged extends RuntimeException {

    private final long missed;

    Lagged(long missed, int windowSize) {
        super("subscriber lagged: " + missed + " value(s) missed, more than the window of "
                + windowSize + " behind");
        this.missed = missed;
    }

    /** How many values this subscriber missed. */
    public long missed() {
        return missed;
    }
}
