package io.jtractor.internal.msg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * Encodes plain values as payloads without Jackson, byte for byte as {@link Payloads}' Jackson
 * mapper writes them.
 *
 * <p>Plain values are: null, {@link Boolean}, {@link Long}, {@link Integer}, {@link Short},
 * {@link Byte}, {@link Double} and {@link Float} (both as float64), {@link String},
 * {@code byte[]} (as binary), the other primitive arrays but {@code char[]}, {@code Object[]},
 * and JDK {@link Collection}s and {@link Map}s with {@code String} keys, nested at most
 * {@value #MAX_DEPTH} levels deep. For anything else (records, beans, enums, {@code char[]},
 * a map with a key that is not a string, a collection of a class outside the JDK that Jackson
 * may treat in its own way) {@link #tryEncode} returns null and the caller uses Jackson, so
 * that every value that is not plain keeps Jackson's bytes and Jackson's errors.
 *
 * <p>Every value takes its shortest msgpack form, as msgpack-core's packer (which Jackson's
 * generator drives) chooses it: fixint, then the smallest signed or unsigned int form; fixstr,
 * str8, str16, str32 by UTF-8 length; bin8, bin16, bin32; fixarray and fixmap, then the 16 and
 * 32-bit forms. The one allocation besides the result is the growth of the array for values
 * whose size is not known up front (collections, non-ASCII strings). Not thread-safe: one
 * instance per call.
 */
final class PayloadWriter {

    /** Deepest nesting written here; deeper values go to Jackson with its own limits. */
    static final int MAX_DEPTH = 64;

    /**
     * Strings at least this long are encoded by msgpack-core with a {@code CharsetEncoder}
     * rather than {@code String.getBytes}; the two may differ on unpaired surrogates, so such
     * strings go to Jackson.
     */
    private static final int ENCODER_THRESHOLD_CHARS = 512;

    private static final int INITIAL_CAPACITY = 64;

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    private int pos;

    private PayloadWriter(int capacity) {
        buf = new byte[capacity];
    }

    /**
     * Returns the payload bytes of {@code value}, or null if it is not a plain value (see the
     * class comment) and must be encoded by Jackson.
     */
    static byte[] tryEncode(Object value) {
        var writer = new PayloadWriter(sizeHint(value));
        if (!writer.write(value, 0)) {
            return null;
        }
        return writer.pos == writer.buf.length ? writer.buf : Arrays.copyOf(writer.buf, writer.pos);
    }

    /** The exact size of a top-level scalar (an ASCII string's), else a first guess. */
    private static int sizeHint(Object value) {
        return switch (value) {
            case null -> 1;
            case byte[] b -> lengthHeaderSize(b.length, false) + b.length;
            case String s -> lengthHeaderSize(s.length(), true) + s.length();
            case Long n -> intSize(n);
            case Integer n -> intSize(n);
            case Double d -> 9;
            case Boolean b -> 1;
            default -> INITIAL_CAPACITY;
        };
    }

    private boolean write(Object value, int depth) {
        switch (value) {
            case null -> writeByte(0xc0);
            case byte[] b -> writeBinary(b);
            case String s -> {
                return writeString(s);
            }
            case Integer n -> writeLong(n);
            case Long n -> writeLong(n);
            case Boolean b -> writeByte(b ? 0xc3 : 0xc2);
            case Double d -> writeDouble(d);
            case Float f -> writeDouble(f);
            case Short n -> writeLong(n);
            case Byte n -> writeLong(n);
            default -> {
                return depth < MAX_DEPTH && writeContainer(value, depth + 1);
            }
        }
        return true;
    }

    private boolean writeContainer(Object value, int depth) {
        return switch (value) {
            case Collection<?> c when isJdkClass(c) -> writeCollection(c, depth);
            case Map<?, ?> m when isJdkClass(m) -> writeMap(m, depth);
            case Object[] a -> writeObjects(a, depth);
            case int[] a -> {
                writeArrayHeader(a.length);
                for (int n : a) {
                    writeLong(n);
                }
                yield true;
            }
            case long[] a -> {
                writeArrayHeader(a.length);
                for (long n : a) {
                    writeLong(n);
                }
                yield true;
            }
            case double[] a -> {
                writeArrayHeader(a.length);
                for (double d : a) {
                    writeDouble(d);
                }
                yield true;
            }
            case float[] a -> {
                writeArrayHeader(a.length);
                for (float f : a) {
                    writeDouble(f);
                }
                yield true;
            }
            case short[] a -> {
                writeArrayHeader(a.length);
                for (short n : a) {
                    writeLong(n);
                }
                yield true;
            }
            case boolean[] a -> {
                writeArrayHeader(a.length);
                for (boolean b : a) {
                    writeByte(b ? 0xc3 : 0xc2);
                }
                yield true;
            }
            default -> false;
        };
    }

    /** A class of the JDK, which Jackson serialises by its interface, with no annotations. */
    private static boolean isJdkClass(Object o) {
        return o.getClass().getClassLoader() == null;
    }

    private boolean writeCollection(Collection<?> items, int depth) {
        int declared = items.size();
        writeArrayHeader(declared);
        int written = 0;
        for (var item : items) {
            if (!write(item, depth)) {
                return false;
            }
            written++;
        }
        // A collection changed by another thread meanwhile: let Jackson deal with it.
        return written == declared;
    }

    private boolean writeObjects(Object[] items, int depth) {
        writeArrayHeader(items.length);
        for (var item : items) {
            if (!write(item, depth)) {
                return false;
            }
        }
        return true;
    }

    private boolean writeMap(Map<?, ?> map, int depth) {
        int declared = map.size();
        writeMapHeader(declared);
        int written = 0;
        for (var e : map.entrySet()) {
            if (!(e.getKey() instanceof String key) || !writeString(key)
                    || !write(e.getValue(), depth)) {
                return false;
            }
            written++;
        }
        return written == declared;
    }

    private boolean writeString(String s) {
        int n = s.length();
        int start = pos;
        writeStringHeader(n);
        ensure(n);
        int p = pos;
        byte[] b = buf;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                pos = start;
                return writeNonAscii(s);
            }
            b[p++] = (byte) c;
        }
        pos = p;
        return true;
    }

    private boolean writeNonAscii(String s) {
        if (s.length() >= ENCODER_THRESHOLD_CHARS && hasLoneSurrogate(s)) {
            return false;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeStringHeader(utf8.length);
        writeBytes(utf8);
        return true;
    }

    private static boolean hasLoneSurrogate(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private void writeBinary(byte[] b) {
        int n = b.length;
        ensure(lengthHeaderSize(n, false) + n);
        if (n < (1 << 8)) {
            buf[pos++] = (byte) 0xc4;
            buf[pos++] = (byte) n;
        } else {
            writeSizedHeader(n, 0xc5);
        }
        writeBytes(b);
    }

    private void writeStringHeader(int n) {
        ensure(lengthHeaderSize(n, true));
        if (n < 32) {
            buf[pos++] = (byte) (0xa0 | n);
        } else if (n < (1 << 8)) {
            buf[pos++] = (byte) 0xd9;
            buf[pos++] = (byte) n;
        } else {
            writeSizedHeader(n, 0xda);
        }
    }

    private void writeArrayHeader(int n) {
        writeCountHeader(n, 0x90, 0xdc);
    }

    private void writeMapHeader(int n) {
        writeCountHeader(n, 0x80, 0xde);
    }

    /** An array or map header: the fix form below 16 entries, then the 16 and 32-bit forms. */
    private void writeCountHeader(int n, int fix, int form16) {
        if (n < 16) {
            writeByte(fix | n);
        } else {
            ensure(5);
            writeSizedHeader(n, form16);
        }
    }

    /** Writes {@code form16} and a 16-bit {@code n}, or the next form and a 32-bit one. */
    private void writeSizedHeader(int n, int form16) {
        if (n < (1 << 16)) {
            buf[pos++] = (byte) form16;
            writeShort(n);
        } else {
            buf[pos++] = (byte) (form16 + 1);
            writeInt(n);
        }
    }

    /** Bytes taken by the header of a binary ({@code string} false) or string of {@code n}. */
    private static int lengthHeaderSize(int n, boolean string) {
        if (string && n < 32) {
            return 1;
        }
        return n < (1 << 8) ? 2 : n < (1 << 16) ? 3 : 5;
    }

    private static int intSize(long v) {
        if (v >= -32 && v < 128) {
            return 1;
        }
        if (v >= 0) {
            return v < (1 << 8) ? 2 : v < (1 << 16) ? 3 : v < (1L << 32) ? 5 : 9;
        }
        return v >= -(1 << 7) ? 2 : v >= -(1 << 15) ? 3 : v >= -(1L << 31) ? 5 : 9;
    }

    /** Writes {@code v} in the shortest form msgpack-core's {@code packLong} chooses. */
    private void writeLong(long v) {
        ensure(intSize(v));
        if (v >= -32 && v < 128) {
            buf[pos++] = (byte) v;
        } else if (v >= 0) {
            if (v < (1 << 8)) {
                buf[pos++] = (byte) 0xcc;
                buf[pos++] = (byte) v;
            } else if (v < (1 << 16)) {
                buf[pos++] = (byte) 0xcd;
                writeShort((int) v);
            } else if (v < (1L << 32)) {
                buf[pos++] = (byte) 0xce;
                writeInt((int) v);
            } else {
                buf[pos++] = (byte) 0xcf;
                writeLongBits(v);
            }
        } else if (v >= -(1 << 7)) {
            buf[pos++] = (byte) 0xd0;
            buf[pos++] = (byte) v;
        } else if (v >= -(1 << 15)) {
            buf[pos++] = (byte) 0xd1;
            writeShort((int) v);
        } else if (v >= -(1L << 31)) {
            buf[pos++] = (byte) 0xd2;
            writeInt((int) v);
        } else {
            buf[pos++] = (byte) 0xd3;
            writeLongBits(v);
        }
    }

    private void writeDouble(double d) {
        ensure(9);
        buf[pos++] = (byte) 0xcb;
        writeLongBits(Double.doubleToRawLongBits(d));
    }

    private void writeByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    private void writeShort(int v) {
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void writeInt(int v) {
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void writeLongBits(long v) {
        LONGS.set(buf, pos, v);
        pos += 8;
    }

    private void writeBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void ensure(int bytes) {
        long needed = (long) pos + bytes;
        if (needed <= buf.length) {
            return;
        }
        if (needed > MsgCodec.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("payload would exceed "
                    + MsgCodec.MAX_BODY_BYTES + " bytes: " + pos + " bytes written, " + bytes
                    + " more requested");
        }
        long doubled = Math.min(MsgCodec.MAX_BODY_BYTES, 2L * buf.length);
        buf = Arrays.copyOf(buf, (int) Math.max(needed, doubled));
    }
}
