package io.jtractor.bench.raw;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The least code that reads and writes jtractor's frames: a 4-byte little-endian body length,
 * then the body. Nothing is decoded. Used by both ends of the raw baseline and by the bare
 * child, so it depends on the JDK only.
 */
public final class RawFrames {

    /** Bytes of the length prefix. */
    public static final int PREFIX_BYTES = 4;

    private RawFrames() {
    }

    /** A frame holding {@code body}: the prefix, then the body. */
    public static byte[] frame(byte[] body) {
        var frame = new byte[PREFIX_BYTES + body.length];
        putIntLe(frame, 0, body.length);
        System.arraycopy(body, 0, frame, PREFIX_BYTES, body.length);
        return frame;
    }

    /** Writes {@code body} as one frame; does not flush. */
    public static void write(OutputStream out, byte[] body) throws IOException {
        out.write(frame(body));
    }

    /** A frame whose body is the 8 bytes of {@code value}, little-endian. */
    public static byte[] longFrame(long value) {
        var body = new byte[8];
        putLongLe(body, 0, value);
        return frame(body);
    }

    /** Writes {@code value} at {@code offset}, little-endian. */
    public static void putLongLe(byte[] bytes, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    /** Reads the little-endian long at {@code offset}. */
    public static long getLongLe(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (bytes[offset + i] & 0xffL);
        }
        return value;
    }

    static void putIntLe(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) value;
        bytes[offset + 1] = (byte) (value >>> 8);
        bytes[offset + 2] = (byte) (value >>> 16);
        bytes[offset + 3] = (byte) (value >>> 24);
    }

    /**
     * Reads frames from one stream into a reused array. Not thread-safe.
     */
    public static final class Reader {

        private final InputStream in;
        private final byte[] prefix = new byte[PREFIX_BYTES];
        private byte[] body = new byte[8 * 1024];

        public Reader(InputStream in) {
            this.in = in;
        }

        /**
         * Reads the next frame.
         *
         * @return the body's length (the body is the start of {@link #body()}), or -1 when the
         *     stream ended between frames
         * @throws IOException if the stream fails or ends inside a frame
         */
        public int next() throws IOException {
            int got = in.readNBytes(prefix, 0, PREFIX_BYTES);
            if (got == 0) {
                return -1;
            }
            if (got < PREFIX_BYTES) {
                throw new IOException("stream ended inside a length prefix: " + got + " of "
                        + PREFIX_BYTES + " bytes");
            }
            int length = (prefix[0] & 0xff) | (prefix[1] & 0xff) << 8
                    | (prefix[2] & 0xff) << 16 | (prefix[3] & 0xff) << 24;
            if (length < 0) {
                throw new IOException("frame length over 2 GiB: "
                        + Integer.toUnsignedString(length));
            }
            if (length > body.length) {
                body = new byte[Math.max(length, 2 * body.length)];
            }
            got = in.readNBytes(body, 0, length);
            if (got < length) {
                throw new IOException("stream ended inside a frame body: " + got + " of "
                        + length + " bytes");
            }
            return length;
        }

        /** The array holding the last body read; valid until the next call. */
        public byte[] body() {
            return body;
        }
    }
}
