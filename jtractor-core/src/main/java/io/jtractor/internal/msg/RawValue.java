package io.jtractor.internal.msg;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One msgpack value, kept as its encoded bytes.
 *
 * <p>Payloads ({@code pld}) and {@code Start.kwargs} values travel as raw values so that the
 * message codec never interprets them: the receiver decodes them once, straight from these
 * bytes, into the type its code expects (see {@link Payloads}), and a relay forwards them
 * untouched. Instances are immutable; equality is over the bytes.
 */
public final class RawValue {

    /** The msgpack nil value (a single {@code 0xc0}). */
    public static final RawValue NIL = new RawValue(new byte[] {(byte) 0xc0});

    private static final int TO_STRING_MAX_BYTES = 32;

    /** Encoded bytes of exactly one msgpack value; never modified after construction. */
    private final byte[] bytes;

    private RawValue(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Returns a raw value holding a copy of {@code bytes}.
     *
     * @throws MalformedMessageException if the bytes are not exactly one msgpack value
     */
    public static RawValue copyOf(byte[] bytes) {
        return copyOf(bytes, 0, bytes.length);
    }

    /**
     * Returns a raw value holding a copy of {@code len} bytes of {@code bytes} from {@code off}.
     *
     * @throws MalformedMessageException if the range is not exactly one msgpack value
     * @throws IndexOutOfBoundsException if the range lies outside {@code bytes}
     */
    public static RawValue copyOf(byte[] bytes, int off, int len) {
        var copy = Arrays.copyOfRange(bytes, off, Math.addExact(off, len));
        Values.checkSingleValue(copy);
        return new RawValue(copy);
    }

    /** Takes ownership of {@code bytes}, which the caller has produced as one valid value. */
    static RawValue wrap(byte[] bytes) {
        return bytes.length == 1 && bytes[0] == (byte) 0xc0 ? NIL : new RawValue(bytes);
    }

    /** Returns a copy of the encoded bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Returns the encoded bytes themselves, for writers in this package; never modify them. */
    byte[] array() {
        return bytes;
    }

    /** Returns the number of encoded bytes. */
    public int length() {
        return bytes.length;
    }

    /** Returns whether this is the msgpack nil value. */
    public boolean isNil() {
        return bytes.length == 1 && bytes[0] == (byte) 0xc0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawValue other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Returns {@code RawValue[n bytes: hex]}, the hex cut after 32 bytes. */
    @Override
    public String toString() {
        int shown = Math.min(bytes.length, TO_STRING_MAX_BYTES);
        var hex = HexFormat.of().formatHex(bytes, 0, shown);
        return "RawValue[" + bytes.length + " bytes: " + hex
                + (shown < bytes.length ? "..." : "") + "]";
    }
}
