package io.jtractor.internal.ipc;

import java.io.BufferedInputStream;
import java.io.InputStream;

/**
 * A buffered input stream that can tell, without a system call, whether a whole frame (the
 * 4-byte little-endian length prefix and that many bytes of body) already sits in its buffer:
 * the reader of a connection uses it to hand several frames over at once, and to hand them
 * over before it blocks.
 *
 * <p>Read by one thread, like the {@link FrameReader} over it.
 */
final class FrameInputStream extends BufferedInputStream {

    private static final int PREFIX_BYTES = 4;

    FrameInputStream(InputStream in, int bufferBytes) {
        super(in, bufferBytes);
    }

    /** Whether the next frame is in the buffer whole, so that reading it cannot block. */
    boolean hasBufferedFrame() {
        byte[] b = buf;
        int buffered = count - pos;
        if (b == null || buffered < PREFIX_BYTES) {
            // Closed (the buffer is dropped), or not even a length prefix is here.
            return false;
        }
        long length = (b[pos] & 0xffL) | (b[pos + 1] & 0xffL) << 8 | (b[pos + 2] & 0xffL) << 16
                | (b[pos + 3] & 0xffL) << 24;
        return buffered - PREFIX_BYTES >= length;
    }
}
