package io.jtractor.internal.ipc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads length-prefixed frames from a stream: a 4-byte little-endian unsigned body length,
 * then that many bytes of body.
 *
 * <p>The body lands in one array that is reused from frame to frame and grows only when a
 * frame does not fit, up to the configured limit. A prefix over the limit, or a stream that
 * ends inside a frame, leaves the stream position lost: after either exception the reader
 * refuses further reads. Not thread-safe: one thread reads.
 */
public final class FrameReader {

    /** The default limit on a frame's body length: 64 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 << 20;

    private static final int PREFIX_BYTES = 4;
    private static final int INITIAL_CAPACITY = 8 * 1024;

    private final InputStream in;
    private final int maxFrameBytes;
    private final byte[] prefix = new byte[PREFIX_BYTES];
    private byte[] buffer;
    private TransportClosedException failure;

    /** Creates a reader with the default limit of {@value #DEFAULT_MAX_FRAME_BYTES} bytes. */
    public FrameReader(InputStream in) {
        this(in, DEFAULT_MAX_FRAME_BYTES);
    }

    /**
     * Creates a reader refusing bodies longer than {@code maxFrameBytes}.
     *
     * @throws IllegalArgumentException if {@code maxFrameBytes} is negative
     */
    public FrameReader(InputStream in, int maxFrameBytes) {
        if (maxFrameBytes < 0) {
            throw new IllegalArgumentException("maxFrameBytes must be >= 0, found "
                    + maxFrameBytes);
        }
        this.in = Objects.requireNonNull(in, "in");
        this.maxFrameBytes = maxFrameBytes;
        this.buffer = new byte[Math.min(INITIAL_CAPACITY, Math.max(maxFrameBytes, 1))];
    }

    /**
     * Reads the next frame, blocking until it has arrived whole.
     *
     * @return the body's length, the body being the first that many bytes of {@link #buffer()}
     *     until the next call; or -1 if the stream ended cleanly between frames
     * @throws FrameTooLargeException if the prefix announces more than the limit
     * @throws TruncatedFrameException if the stream ends inside a frame
     * @throws IllegalStateException if an earlier call threw one of those two
     * @throws IOException if the stream fails
     */
    public int readFrame() throws IOException {
        if (failure != null) {
            throw new IllegalStateException("frame reader failed earlier, stream position lost: "
                    + failure.getMessage(), failure);
        }
        int got = in.readNBytes(prefix, 0, PREFIX_BYTES);
        if (got == 0) {
            return -1;
        }
        if (got < PREFIX_BYTES) {
            throw fail(new TruncatedFrameException("length-prefix", PREFIX_BYTES, got));
        }
        long length = (prefix[0] & 0xffL) | (prefix[1] & 0xffL) << 8 | (prefix[2] & 0xffL) << 16
                | (prefix[3] & 0xffL) << 24;
        if (length > maxFrameBytes) {
            throw fail(new FrameTooLargeException(length, maxFrameBytes));
        }
        int bodyBytes = (int) length;
        if (bodyBytes > buffer.length) {
            long doubled = Math.min(2L * buffer.length, maxFrameBytes);
            buffer = new byte[(int) Math.max(bodyBytes, doubled)];
        }
        got = in.readNBytes(buffer, 0, bodyBytes);
        if (got < bodyBytes) {
            throw fail(new TruncatedFrameException("body", bodyBytes, got));
        }
        return bodyBytes;
    }

    /** Returns the array holding the last frame's body; valid until the next read. */
    public byte[] buffer() {
        return buffer;
    }

    /** Returns the limit on a frame's body length, in bytes. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    private TransportClosedException fail(TransportClosedException e) {
        failure = e;
        return e;
    }
}
