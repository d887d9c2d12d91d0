package io.jtractor;

/**
 * How the receiving side of a stream buffers and pushes back (SPEC S6). Immutable; each
 * {@code with*} returns a new instance.
 *
 * <ul>
 *   <li>{@link #defaults()}: credit-based flow control. The receiver buffers at most
 *       {@code msgBufferSize} messages (64 by default); a sender that would overrun it blocks in
 *       {@code send} until the receiver consumes. Only this stream waits: the connection and
 *       every other stream on it keep flowing.
 *   <li>{@link #withAllowOverruns(int)}: no credits; the receiver keeps a larger bounded
 *       overflow queue (the buffer plus {@code overflow} messages) and applies the overrun
 *       policy only when that too is full.
 *   <li>{@link #withOverrunPolicy()}: the reference behaviour: no credits; a message that finds
 *       the buffer full is dropped and the sender's context fails with one
 *       {@link StreamOverrun} naming it (one per stream, not one per dropped message).
 * </ul>
 *
 * <p>Peers that do not announce credit-based flow control are always served with the overrun
 * policy.
 */
public final class StreamOptions {

    /** Messages a receiver buffers by default. */
    public static final int DEFAULT_MSG_BUFFER_SIZE = 64;

    private static final StreamOptions DEFAULTS =
            new StreamOptions(DEFAULT_MSG_BUFFER_SIZE, 0, false);

    private final int msgBufferSize;
    private final int overflow;
    private final boolean overrunPolicy;

    private StreamOptions(int msgBufferSize, int overflow, boolean overrunPolicy) {
        if (msgBufferSize < 1) {
            throw new IllegalArgumentException("msgBufferSize must be at least 1, got "
                    + msgBufferSize);
        }
        if (overflow < 0) {
            throw new IllegalArgumentException("an overflow queue holds 0 or more messages, got "
                    + overflow);
        }
        this.msgBufferSize = msgBufferSize;
        this.overflow = overflow;
        this.overrunPolicy = overrunPolicy;
    }

    /** Credit-based flow control with a buffer of {@value #DEFAULT_MSG_BUFFER_SIZE} messages. */
    public static StreamOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The receive buffer, in messages.
     *
     * @throws IllegalArgumentException if below 1
     */
    public StreamOptions withMsgBufferSize(int messages) {
        return new StreamOptions(messages, overflow, overrunPolicy);
    }

    /**
     * No credits: senders never wait; the receiver queues up to {@code overflow} messages beyond
     * its buffer, then applies the overrun policy.
     *
     * @throws IllegalArgumentException if {@code overflow} is negative
     */
    public StreamOptions withAllowOverruns(int overflow) {
        return new StreamOptions(msgBufferSize, overflow, true);
    }

    /** No credits: a message that finds the buffer full is dropped, the sender gets one overrun. */
    public StreamOptions withOverrunPolicy() {
        return new StreamOptions(msgBufferSize, 0, true);
    }

    public int msgBufferSize() {
        return msgBufferSize;
    }

    /** Messages queued beyond the buffer before an overrun (0 unless overruns are allowed). */
    public int overflow() {
        return overflow;
    }

    /** Whether senders are never held back and an overflowing receiver drops instead. */
    public boolean usesOverrunPolicy() {
        return overrunPolicy;
    }

    @Override
    public String toString() {
        return "StreamOptions[" + msgBufferSize + " messages"
                + (overrunPolicy ? ", overrun policy" + (overflow > 0 ? " after an overflow of "
                        + overflow : "") : ", credits") + "]";
    }
}
