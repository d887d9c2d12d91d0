package io.jtractor.internal.ipc;

/**
 * Thrown when the stream ends inside a frame: after part of the 4-byte length prefix, or before
 * the whole body arrived.
 */
public final class TruncatedFrameException extends TransportClosedException {

    private static final long serialVersionUID = 1L;

    private final long expectedBytes;
    private final long receivedBytes;

    /**
     * Creates an exception.
     *
     * @param part {@code "length-prefix"} or {@code "body"}
     * @param expectedBytes the bytes that part should have had
     * @param receivedBytes the bytes of it that arrived before the end of the stream
     */
    public TruncatedFrameException(String part, long expectedBytes, long receivedBytes) {
        super("stream ended inside a frame: " + receivedBytes + " of " + expectedBytes + " "
                + part + " bytes received");
        this.expectedBytes = expectedBytes;
        this.receivedBytes = receivedBytes;
    }

    /** Returns the bytes the truncated part should have had. */
    public long expectedBytes() {
        return expectedBytes;
    }

    /** Returns the bytes of the truncated part that arrived. */
    public long receivedBytes() {
        return receivedBytes;
    }
}
