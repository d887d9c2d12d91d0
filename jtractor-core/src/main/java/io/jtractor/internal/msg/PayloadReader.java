package io.jtractor.internal.msg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes payloads into plain Java types without Jackson, giving what {@link Payloads}'
 * Jackson mapper gives for the same bytes and type.
 *
 * <p>Handled target types: {@code Object} (nil as null, {@code Boolean}, every integer as
 * {@code Long}, every float as {@code Double}, {@code String}, {@code byte[]}, {@code ArrayList}
 * and {@code LinkedHashMap} with string keys), {@code byte[]}, {@code String}, the boxed and
 * primitive numbers and booleans, and {@code List}, {@code Collection} and {@code Map} (with
 * {@code String} or {@code Object} keys) of any of these, raw or parameterised. Only exact
 * matches are decoded here: a msgpack int into an {@code int} in range, a msgpack str into a
 * {@code String}, and so on. Everything else, including every value Jackson would refuse or
 * convert (a float for an {@code int}, nil for a primitive, a str for a {@code byte[]}, a map
 * with non-string or repeated keys, an int above {@code Long.MAX_VALUE}, an extension type,
 * nesting deeper than {@value #MAX_DEPTH} levels), gives {@link #UNHANDLED}, and the caller
 * asks Jackson, so that conversions and error messages stay Jackson's.
 *
 * <p>Thread-safe: each call reads with its own cursor.
 */
final class PayloadReader {

    /** Returned by {@link #tryDecode} when Jackson must decode the value. */
    static final Object UNHANDLED = new Object();

    /** Deepest nesting decoded here; deeper values go to Jackson with its own limits. */
    static final int MAX_DEPTH = 64;

    private static final VarHandle SHORTS =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] bytes;
    private int pos;
    /** Set by {@link #readInteger} when the integer it read does not fit a {@code long}. */
    private boolean unsigned64;

    private PayloadReader(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Decodes one value from {@code bytes} (which hold exactly one msgpack value) into
     * {@code target}, or returns {@link #UNHANDLED}.
     */
    static Object tryDecode(byte[] bytes, Target target) {
        if (target.shape == Shape.JACKSON) {
            return UNHANDLED;
        }
        try {
            return new PayloadReader(bytes).read(target, 0);
        } catch (IndexOutOfBoundsException truncated) {
            return UNHANDLED;
        }
    }

    private Object read(Target t, int depth) {
        int b = bytes[pos] & 0xff;
        if (b == 0xc0) {
            pos++;
            return t.primitive ? UNHANDLED : null;
        }
        return switch (t.shape) {
            case ANY -> readAny(b, depth);
            case BYTES -> isBinary(b) ? readBinary(b) : UNHANDLED;
            case STRING -> isString(b) ? readString(b) : UNHANDLED;
            case LONG -> isInteger(b) ? readLong(b) : UNHANDLED;
            case INT -> {
                long v = isInteger(b) ? readInteger(b) : Long.MIN_VALUE;
                yield fits(v, Integer.MIN_VALUE, Integer.MAX_VALUE) ? (Object) (int) v : UNHANDLED;
            }
            case SHORT -> {
                long v = isInteger(b) ? readInteger(b) : Long.MIN_VALUE;
                yield fits(v, Short.MIN_VALUE, Short.MAX_VALUE) ? (Object) (short) v : UNHANDLED;
            }
            case BYTE -> {
                long v = isInteger(b) ? readInteger(b) : Long.MIN_VALUE;
                yield fits(v, Byte.MIN_VALUE, Byte.MAX_VALUE) ? (Object) (byte) v : UNHANDLED;
            }
            case DOUBLE -> readDouble(b);
            case FLOAT -> isFloat(b) ? (Object) (float) readFloat(b) : UNHANDLED;
            case BOOLEAN -> isBoolean(b) ? readBoolean(b) : UNHANDLED;
            case LIST -> depth < MAX_DEPTH && isArray(b)
                    ? readList(b, t.element, depth + 1) : UNHANDLED;
            case MAP -> depth < MAX_DEPTH && isMap(b)
                    ? readMap(b, t.element, depth + 1) : UNHANDLED;
            case JACKSON -> UNHANDLED;
        };
    }

    /** As Jackson's untyped deserialiser, with integers as {@code Long}. */
    private Object readAny(int b, int depth) {
        if (isInteger(b)) {
            return readLong(b);
        }
        if (isString(b)) {
            return readString(b);
        }
        if (isBinary(b)) {
            return readBinary(b);
        }
        if (isFloat(b)) {
            return readFloat(b);
        }
        if (isBoolean(b)) {
            return readBoolean(b);
        }
        if (depth >= MAX_DEPTH) {
            return UNHANDLED;
        }
        if (isArray(b)) {
            return readList(b, Target.ANY, depth + 1);
        }
        if (isMap(b)) {
            return readMap(b, Target.ANY, depth + 1);
        }
        return UNHANDLED;
    }

    private Object readList(int b, Target element, int depth) {
        int n = readCount(b, 0x90, 0xdc);
        if (n < 0) {
            return UNHANDLED;
        }
        var list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object item = read(element, depth);
            if (item == UNHANDLED) {
                return UNHANDLED;
            }
            list.add(item);
        }
        return list;
    }

    private Object readMap(int b, Target value, int depth) {
        int n = readCount(b, 0x80, 0xde);
        if (n < 0) {
            return UNHANDLED;
        }
        var map = LinkedHashMap.newLinkedHashMap(n);
        for (int i = 0; i < n; i++) {
            int k = bytes[pos] & 0xff;
            if (!isString(k)) {
                return UNHANDLED;
            }
            String key = (String) readString(k);
            Object item = read(value, depth);
            if (item == UNHANDLED) {
                return UNHANDLED;
            }
            map.put(key, item);
            if (map.size() != i + 1) {
                return UNHANDLED;
            }
        }
        return map;
    }

    /**
     * Reads an array or map header (the fix form, then the 16 and 32-bit forms) and returns
     * its count, or -1 for a count that the bytes left cannot hold, as every entry takes at
     * least one byte: nothing is preallocated from a count that is not there.
     */
    private int readCount(int b, int fix, int form16) {
        pos++;
        int n;
        if (b < fix + 16) {
            n = b - fix;
        } else {
            n = b == form16 ? readU16() : readU32();
        }
        return n >= 0 && n <= bytes.length - pos ? n : -1;
    }

    /** Reads an integer into {@code Long}, or gives up on one above {@code Long.MAX_VALUE}. */
    private Object readLong(int b) {
        long v = readInteger(b);
        return unsigned64 ? UNHANDLED : (Object) v;
    }

    /** Whether the integer just read lies in {@code [min, max]}. */
    private boolean fits(long v, long min, long max) {
        return !unsigned64 && v >= min && v <= max;
    }

    /** A float as {@code Double}; an integer too, as Jackson converts it. */
    private Object readDouble(int b) {
        if (isFloat(b)) {
            return readFloat(b);
        }
        if (!isInteger(b)) {
            return UNHANDLED;
        }
        long v = readInteger(b);
        return unsigned64 ? UNHANDLED : (Object) (double) v;
    }

    /**
     * Reads any integer form; sets {@link #unsigned64} when it is a uint64 above
     * {@code Long.MAX_VALUE} (and then returns its bits).
     */
    private long readInteger(int b) {
        pos++;
        unsigned64 = false;
        if (b < 0x80 || b >= 0xe0) {
            return (byte) b;
        }
        switch (b) {
            case 0xcc:
                return bytes[pos++] & 0xffL;
            case 0xcd:
                return readU16();
            case 0xce:
                return readU32() & 0xffffffffL;
            case 0xd0:
                return bytes[pos++];
            case 0xd1: {
                short v = (short) SHORTS.get(bytes, pos);
                pos += 2;
                return v;
            }
            case 0xd2:
                return readU32();
            default: {
                long v = (long) LONGS.get(bytes, pos);
                pos += 8;
                unsigned64 = b == 0xcf && v < 0;
                return v;
            }
        }
    }

    private double readFloat(int b) {
        pos++;
        if (b == 0xca) {
            float f = Float.intBitsToFloat((int) INTS.get(bytes, pos));
            pos += 4;
            return f;
        }
        double d = Double.longBitsToDouble((long) LONGS.get(bytes, pos));
        pos += 8;
        return d;
    }

    private Object readBoolean(int b) {
        pos++;
        return b == 0xc3;
    }

    private Object readString(int b) {
        pos++;
        int n;
        if (b <= 0xbf) {
            n = b - 0xa0;
        } else if (b == 0xd9) {
            n = bytes[pos++] & 0xff;
        } else {
            n = b == 0xda ? readU16() : readU32();
        }
        checkLength(n);
        var s = new String(bytes, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    private Object readBinary(int b) {
        pos++;
        int n = b == 0xc4 ? bytes[pos++] & 0xff : b == 0xc5 ? readU16() : readU32();
        checkLength(n);
        var out = Arrays.copyOfRange(bytes, pos, pos + n);
        pos += n;
        return out;
    }

    private void checkLength(int n) {
        if (n < 0 || n > bytes.length - pos) {
            throw new IndexOutOfBoundsException("declared length " + n + " exceeds the input");
        }
    }

    private int readU16() {
        int v = (short) SHORTS.get(bytes, pos) & 0xffff;
        pos += 2;
        return v;
    }

    private int readU32() {
        int v = (int) INTS.get(bytes, pos);
        pos += 4;
        return v;
    }

    private static boolean isInteger(int b) {
        return b < 0x80 || b >= 0xe0 || (b >= 0xcc && b <= 0xd3);
    }

    private static boolean isFloat(int b) {
        return b == 0xca || b == 0xcb;
    }

    private static boolean isString(int b) {
        return (b >= 0xa0 && b <= 0xbf) || (b >= 0xd9 && b <= 0xdb);
    }

    private static boolean isBinary(int b) {
        return b >= 0xc4 && b <= 0xc6;
    }

    private static boolean isBoolean(int b) {
        return b == 0xc2 || b == 0xc3;
    }

    private static boolean isArray(int b) {
        return (b >= 0x90 && b <= 0x9f) || b == 0xdc || b == 0xdd;
    }

    private static boolean isMap(int b) {
        return (b >= 0x80 && b <= 0x8f) || b == 0xde || b == 0xdf;
    }

    /** What a target type asks of the reader. */
    enum Shape { ANY, BYTES, STRING, LONG, INT, SHORT, BYTE, DOUBLE, FLOAT, BOOLEAN, LIST, MAP,
        JACKSON }

    /**
     * A target type as the reader sees it: its shape, whether nil is refused (a primitive),
     * and the element or value target of a list or map. Resolved once per type and cached.
     */
    record Target(Shape shape, boolean primitive, Target element) {

        static final Target ANY = new Target(Shape.ANY, false, null);
        static final Target JACKSON = new Target(Shape.JACKSON, false, null);

        /** Bounds the cache of parameterised types; classes are cached by a ClassValue. */
        private static final int MAX_CACHED_TYPES = 1024;

        private static final ClassValue<Target> BY_CLASS = new ClassValue<>() {
            @Override
            protected Target computeValue(Class<?> type) {
                return ofClass(type);
            }
        };
        private static final Map<Type, Target> BY_TYPE = new ConcurrentHashMap<>();

        /**
         * Returns the target for {@code type}, {@link #JACKSON} when the reader cannot help (a
         * null type too: Jackson reports it).
         */
        static Target of(Type type) {
            if (type instanceof Class<?> c) {
                return BY_CLASS.get(c);
            }
            if (type == null) {
                return JACKSON;
            }
            var target = BY_TYPE.get(type);
            if (target == null) {
                target = type instanceof ParameterizedType p ? ofParameterized(p) : JACKSON;
                if (BY_TYPE.size() < MAX_CACHED_TYPES) {
                    BY_TYPE.put(type, target);
                }
            }
            return target;
        }

        private static Target ofClass(Class<?> c) {
            if (c == Object.class) {
                return ANY;
            }
            if (c == List.class || c == Collection.class || c == ArrayList.class) {
                return new Target(Shape.LIST, false, ANY);
            }
            if (c == Map.class || c == LinkedHashMap.class) {
                return new Target(Shape.MAP, false, ANY);
            }
            Shape shape = scalarShape(c.isPrimitive() ? boxed(c) : c);
            return shape == Shape.JACKSON ? JACKSON : new Target(shape, c.isPrimitive(), null);
        }

        private static Shape scalarShape(Class<?> c) {
            if (c == byte[].class) {
                return Shape.BYTES;
            } else if (c == String.class) {
                return Shape.STRING;
            } else if (c == Long.class) {
                return Shape.LONG;
            } else if (c == Integer.class) {
                return Shape.INT;
            } else if (c == Short.class) {
                return Shape.SHORT;
            } else if (c == Byte.class) {
                return Shape.BYTE;
            } else if (c == Double.class) {
                return Shape.DOUBLE;
            } else if (c == Float.class) {
                return Shape.FLOAT;
            } else if (c == Boolean.class) {
                return Shape.BOOLEAN;
            }
            return Shape.JACKSON;
        }

        private static Class<?> boxed(Class<?> primitive) {
            return switch (primitive.getName()) {
                case "long" -> Long.class;
                case "int" -> Integer.class;
                case "short" -> Short.class;
                case "byte" -> Byte.class;
                case "double" -> Double.class;
                case "float" -> Float.class;
                case "boolean" -> Boolean.class;
                default -> Void.class;
            };
        }

        private static Target ofParameterized(ParameterizedType p) {
            Type raw = p.getRawType();
            Type[] args = p.getActualTypeArguments();
            Target element;
            Shape shape;
            if (raw == List.class || raw == Collection.class || raw == ArrayList.class) {
                shape = Shape.LIST;
                element = ofArgument(args[0]);
            } else if ((raw == Map.class || raw == LinkedHashMap.class) && isStringKey(args[0])) {
                shape = Shape.MAP;
                element = ofArgument(args[1]);
            } else {
                return JACKSON;
            }
            return element.shape == Shape.JACKSON || element.primitive
                    ? JACKSON : new Target(shape, false, element);
        }

        /** A type argument: an unbounded wildcard reads as {@code Object}. */
        private static Target ofArgument(Type arg) {
            if (arg instanceof WildcardType w) {
                return isUnbounded(w) ? ANY : JACKSON;
            }
            return of(arg);
        }

        /** Jackson reads every map key as its string; String and Object keys keep it so. */
        private static boolean isStringKey(Type key) {
            return key == String.class || key == Object.class
                    || (key instanceof WildcardType w && isUnbounded(w));
        }

        private static boolean isUnbounded(WildcardType w) {
            return w.getLowerBounds().length == 0
                    && Arrays.equals(w.getUpperBounds(), new Type[] {Object.class});
        }
    }
}
