package io.jtractor.sc;

/**
 * Raised by a receive when no value will ever come: every send end of the channel (or the peer's
 * side of a stream) has been closed and every value sent before that was received.
 *
 * <p>It is the normal end of a channel, not a failure: iteration over a receive end stops on it,
 * and a receive end keeps raising it on every later receive.
 */
public final class EndOfChannel extends RuntimeException {

    /** Creates the exception with a message saying which channel ended and why. */
    public EndOfChannel(String message) {
        super(message);
    }
}
