package io.jtractor.examples.seeds;

/**
 * One quote of the fake market data.
 *
 * @param symbol the instrument
 * @param tick the number of the tick that produced it, from 1, increasing by one per tick
 * @param last the last traded price
 */
public record Quote(String symbol, long tick, double last) {
}
