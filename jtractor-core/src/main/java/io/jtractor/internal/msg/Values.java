package io.jtractor.internal.msg;

import io.jtractor.ActorId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageFormatException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageSizeException;
import org.msgpack.core.MessageUnpacker;

/**
 * Generic msgpack value trees: the plain Java form of any msgpack value, for the fields whose
 * shape the protocol leaves open ({@code SpawnSpec}, {@code Aid} extensions, bad messages).
 *
 * <p>Decoding gives: nil as {@code null}, {@link Boolean}, every integer as {@link Long} (an
 * unsigned 64-bit value above {@code Long.MAX_VALUE} as {@link BigInteger}), every float as
 * {@link Double}, {@link String}, {@code byte[]} for binary, {@link List} for arrays and
 * {@link LinkedHashMap} (wire order kept) for maps. Msgpack extension types are rejected.
 *
 * <p>Encoding accepts the same types, plus {@link Integer}, {@link Short}, {@link Byte},
 * {@link Float} (written as float64), any {@link Collection} or {@code Object[]} (as arrays),
 * {@link ActorId} (as {@code [name, uuid]}) and {@link RawValue} (its bytes verbatim); it uses
 * the shortest form of each value, as the reference encoder does.
 */
public final class Values {

    /** Deepest nesting of arrays and maps accepted, both ways. */
    static final int MAX_DEPTH = 512;

    private static final MessagePack.PackerConfig SMALL_PACKER =
            new MessagePack.PackerConfig().withBufferSize(512);

    private Values() {
    }

    /**
     * Encodes a value tree.
     *
     * @throws IllegalArgumentException if the tree holds a type listed nowhere above, is nested
     *     deeper than 512 levels (or cyclic), or holds an integer outside the msgpack range
     */
    public static RawValue toRaw(Object value) {
        try (var packer = SMALL_PACKER.newBufferPacker()) {
            write(packer, value, 0);
            return RawValue.wrap(packer.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory packer failed", e);
        }
    }

    /**
     * Decodes a raw value into a value tree.
     *
     * @throws MalformedMessageException if the bytes hold an extension type or nest deeper
     *     than 512 levels
     */
    public static Object fromRaw(RawValue raw) {
        byte[] bytes = raw.array();
        try (var unpacker = MessagePack.newDefaultUnpacker(bytes)) {
            return read(unpacker, bytes.length, 0);
        } catch (MessagePackException | IOException e) {
            throw new MalformedMessageException(
                    "cannot decode raw value: " + e.getMessage(), bytes, null, null, e);
        }
    }

    /** Writes {@code value} with {@code packer}; {@code depth} is the current nesting. */
    static void write(MessagePacker packer, Object value, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(
                    "value nested deeper than " + MAX_DEPTH + " levels (is it cyclic?)");
        }
        switch (value) {
            case null -> packer.packNil();
            case Boolean b -> packer.packBoolean(b);
            case Long n -> packer.packLong(n);
            case Integer n -> packer.packLong(n);
            case Short n -> packer.packLong(n);
            case Byte n -> packer.packLong(n);
            case BigInteger n -> packer.packBigInteger(n);
            case Double n -> packer.packDouble(n);
            case Float n -> packer.packDouble(n);
            case String s -> packer.packString(s);
            case byte[] b -> packer.packBinaryHeader(b.length).writePayload(b);
            case RawValue r -> packer.writePayload(r.array());
            case ActorId id -> {
                packer.packArrayHeader(2);
                packer.packString(id.name()).packString(id.uuid());
            }
            case Map<?, ?> m -> writeMap(packer, m, depth);
            case Collection<?> c -> writeArray(packer, c, depth);
            case Object[] a -> writeArray(packer, List.of(a), depth);
            default -> throw new IllegalArgumentException("cannot encode a value of type "
                    + value.getClass().getName() + " as a msgpack value tree; supported: null, "
                    + "Boolean, Long, Integer, Short, Byte, BigInteger, Double, Float, String, "
                    + "byte[], RawValue, ActorId, Map, Collection, Object[]");
        }
    }

    private static void writeMap(MessagePacker packer, Map<?, ?> map, int depth)
            throws IOException {
        packer.packMapHeader(map.size());
        for (var e : map.entrySet()) {
            write(packer, e.getKey(), depth + 1);
            write(packer, e.getValue(), depth + 1);
        }
    }

    private static void writeArray(MessagePacker packer, Collection<?> items, int depth)
            throws IOException {
        packer.packArrayHeader(items.size());
        for (var item : items) {
            write(packer, item, depth + 1);
        }
    }

    /**
     * Reads the next value from {@code unpacker} as a value tree.
     *
     * @param end the total read count at which the input ends, to bound preallocation
     * @param depth the current nesting
     * @throws MessagePackException if the value is not valid msgpack or not supported
     */
    static Object read(MessageUnpacker unpacker, long end, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new MessageFormatException("value nested deeper than " + MAX_DEPTH + " levels");
        }
        MessageFormat format = unpacker.getNextFormat();
        return switch (format.getValueType()) {
            case NIL -> {
                unpacker.unpackNil();
                yield null;
            }
            case BOOLEAN -> unpacker.unpackBoolean();
            case INTEGER -> readInteger(unpacker, format);
            case FLOAT -> unpacker.unpackDouble();
            case STRING -> unpacker.unpackString();
            case BINARY -> {
                int len = unpacker.unpackBinaryHeader();
                checkAvailable(unpacker, end, len);
                yield unpacker.readPayload(len);
            }
            case ARRAY -> readArray(unpacker, end, depth);
            case MAP -> readMap(unpacker, end, depth);
            case EXTENSION -> throw new MessageFormatException(
                    "msgpack extension type " + unpacker.unpackExtensionTypeHeader().getType()
                            + " is not supported");
        };
    }

    private static Object readInteger(MessageUnpacker unpacker, MessageFormat format)
            throws IOException {
        if (format == MessageFormat.UINT64) {
            BigInteger n = unpacker.unpackBigInteger();
            return n.bitLength() < Long.SIZE ? (Object) n.longValue() : n;
        }
        return unpacker.unpackLong();
    }

    private static List<Object> readArray(MessageUnpacker unpacker, long end, int depth)
            throws IOException {
        int n = unpacker.unpackArrayHeader();
        var list = new ArrayList<>(initialCapacity(unpacker, end, n));
        for (int i = 0; i < n; i++) {
            list.add(read(unpacker, end, depth + 1));
        }
        return list;
    }

    private static Map<Object, Object> readMap(MessageUnpacker unpacker, long end, int depth)
            throws IOException {
        int n = unpacker.unpackMapHeader();
        var map = LinkedHashMap.<Object, Object>newLinkedHashMap(
                initialCapacity(unpacker, end, n));
        for (int i = 0; i < n; i++) {
            Object key = read(unpacker, end, depth + 1);
            map.put(key, read(unpacker, end, depth + 1));
        }
        return map;
    }

    /** Bounds a declared element count by the bytes left: every element takes at least one. */
    private static int initialCapacity(MessageUnpacker unpacker, long end, int declared) {
        long left = end - unpacker.getTotalReadBytes();
        return (int) Math.max(0, Math.min(declared, left));
    }

    static void checkAvailable(MessageUnpacker unpacker, long end, int len) {
        long left = end - unpacker.getTotalReadBytes();
        if (len > left) {
            throw new MessageSizeException(
                    "declared length " + len + " bytes exceeds the " + left + " bytes left", len);
        }
    }

    /**
     * Checks that {@code bytes} hold exactly one msgpack value.
     *
     * @throws MalformedMessageException if they do not
     */
    static void checkSingleValue(byte[] bytes) {
        try (var unpacker = MessagePack.newDefaultUnpacker(bytes)) {
            unpacker.skipValue();
            long read = unpacker.getTotalReadBytes();
            if (read != bytes.length) {
                throw new MalformedMessageException("expected exactly one msgpack value, found "
                        + (bytes.length - read) + " bytes after it", bytes, null, null, null);
            }
        } catch (MessagePackException | IOException e) {
            throw new MalformedMessageException(
                    "expected one msgpack value: " + e.getMessage(), bytes, null, null, e);
        }
    }

    /**
     * Renders a value tree on one line for error messages, e.g. {@code {"a": [1, 2.5, nil]}},
     * cut to about {@code maxChars} characters with a trailing {@code ...}.
     */
    static String describe(Object value, int maxChars) {
        var sb = new StringBuilder();
        render(sb, value, maxChars);
        if (sb.length() > maxChars) {
            sb.setLength(maxChars);
            sb.append("...");
        }
        return sb.toString();
    }

    private static void render(StringBuilder sb, Object value, int maxChars) {
        if (sb.length() > maxChars) {
            return;
        }
        switch (value) {
            case null -> sb.append("nil");
            case String s -> sb.append('"').append(s.replace("\"", "\\\"")).append('"');
            case byte[] b -> sb.append("bin[").append(b.length).append(" bytes: ")
                    .append(HexFormat.of().formatHex(b, 0, Math.min(b.length, 16)))
                    .append(b.length > 16 ? "...]" : "]");
            case Map<?, ?> m -> {
                sb.append('{');
                String sep = "";
                for (var e : m.entrySet()) {
                    sb.append(sep);
                    render(sb, e.getKey(), maxChars);
                    sb.append(": ");
                    render(sb, e.getValue(), maxChars);
                    sep = ", ";
                    if (sb.length() > maxChars) {
                        break;
                    }
                }
                sb.append('}');
            }
            case List<?> l -> {
                sb.append('[');
                String sep = "";
                for (var item : l) {
                    sb.append(sep);
                    render(sb, item, maxChars);
                    sep = ", ";
                    if (sb.length() > maxChars) {
                        break;
                    }
                }
                sb.append(']');
            }
            default -> sb.append(value);
        }
    }
}
