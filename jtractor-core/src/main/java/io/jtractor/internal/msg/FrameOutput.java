package io.jtractor.internal.msg;

import org.msgpack.core.buffer.MessageBuffer;
import org.msgpack.core.buffer.MessageBufferOutput;

/**
 * The byte array one frame is built in: 4 bytes reserved for the length prefix, then the body
 * that a {@code MessagePacker} writes straight into the array.
 *
 * <p>The array grows as needed and is reused from frame to frame, as is the buffer view handed
 * to the packer, so a frame that fits costs no allocation. After a frame larger than 1 MiB the
 * next frame starts again with a small array. Not thread-safe: owned by one {@link MsgCodec}.
 */
final class FrameOutput implements MessageBufferOutput {

    static final int PREFIX_BYTES = 4;

    private static final int INITIAL_CAPACITY = 8 * 1024;
    private static final int RETAINED_CAPACITY = 1 << 20;

    private byte[] array = new byte[INITIAL_CAPACITY];

    /** Bytes of the frame so far, prefix included. */
    private int size = PREFIX_BYTES;

    /** A view of {@code array} from {@code viewStart} to its end; null after the array grew. */
    private MessageBuffer view;
    private int viewStart;

    /** Forgets the current frame and starts a new one. */
    void restart() {
        if (array.length > RETAINED_CAPACITY) {
            array = new byte[INITIAL_CAPACITY];
            view = null;
        }
        size = PREFIX_BYTES;
    }

    /** Returns the number of body bytes written since {@link #restart()}. */
    int bodyLength() {
        return size - PREFIX_BYTES;
    }

    /**
     * Writes the little-endian length prefix and returns the array; the frame is its first
     * {@code PREFIX_BYTES + bodyLength()} bytes, valid until the next {@link #restart()}.
     */
    byte[] finishFrame() {
        int n = bodyLength();
        array[0] = (byte) n;
        array[1] = (byte) (n >>> 8);
        array[2] = (byte) (n >>> 16);
        array[3] = (byte) (n >>> 24);
        return array;
    }

    @Override
    public MessageBuffer next(int minimumSize) {
        ensureRoom(minimumSize);
        if (view == null || viewStart != size) {
            view = MessageBuffer.wrap(array, size, array.length - size);
            viewStart = size;
        }
        return view;
    }

    @Override
    public void writeBuffer(int length) {
        size += length;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(buffer, offset, array, size, length);
        size += length;
    }

    @Override
    public void add(byte[] buffer, int offset, int length) {
        write(buffer, offset, length);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    private void ensureRoom(int bytes) {
        int needed = size + bytes;
        if (needed < 0) {
            throw new IllegalArgumentException("frame would exceed 2 GiB: " + size
                    + " bytes written, " + bytes + " more requested");
        }
        if (needed > array.length) {
            long doubled = Math.min(Integer.MAX_VALUE - 8, 2L * array.length);
            var grown = new byte[(int) Math.max(needed, doubled)];
            System.arraycopy(array, 0, grown, 0, size);
            array = grown;
            view = null;
        }
    }
}
