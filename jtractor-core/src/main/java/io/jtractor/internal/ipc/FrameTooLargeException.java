package io.jtractor.internal.ipc;

/**
 * Thrown when a frame's length prefix exceeds the reader's limit. The body is not read, so the
 * stream position is lost: the connection cannot continue.
 */
public final class FrameTooLargeException extends TransportClosedException {

    private static final long serialVersionUID = 1L;

    private final long lengthBytes;
    private final long maxBytes;

    /** Creates an exception for a prefix announcing {@code lengthBytes} over {@code maxBytes}. */
    public FrameTooLargeException(long lengthBytes, long maxBytes) {
        super("frame length prefix announces " + lengthBytes + " bytes, over the limit of "
                + maxBytes + " bytes; the connection cannot continue");
        this.lengthBytes = lengthBytes;
        this.maxBytes = maxBytes;
    }

    /** Returns the body length the prefix announced, in bytes. */
    public long lengthBytes() {
        return lengthBytes;
    }

    /** Returns the reader's limit, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }
}
