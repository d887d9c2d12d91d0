package io.jtractor.internal.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import io.jtractor.internal.msg.PayloadReader.Target;
import java.lang.reflect.Type;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The path without Jackson ({@link PayloadWriter}, {@link PayloadReader}) against Jackson
 * itself: the same bytes for every plain value, the same values and the same errors for every
 * payload and target type, and Jackson for everything that is not plain.
 */
class PlainPayloadsTest {

    record Point(int x, double y) {
    }

    enum Colour { RED }

    /** A collection outside the JDK, which Jackson might treat in its own way. */
    static final class Pair extends AbstractList<Object> {
        @Override
        public Object get(int index) {
            return index;
        }

        @Override
        public int size() {
            return 2;
        }
    }

    /** Holds fields whose generic types the tests decode into. */
    @SuppressWarnings("unused")
    static final class Types {
        List<Integer> ints;
        List<String> strings;
        List<?> anything;
        List<byte[]> blobs;
        Collection<Long> longs;
        Map<String, Long> longsByName;
        Map<Object, Object> objects;
        Map<String, List<Integer>> nested;
        Map<Integer, String> intKeys;
        List<Point> points;
        List<? extends Number> numbers;

        static Type of(String field) {
            try {
                return Types.class.getDeclaredField(field).getGenericType();
            } catch (NoSuchFieldException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static final long[] INTEGERS = {Long.MIN_VALUE, -(1L << 31) - 1, -(1L << 31),
        -32769, -32768, -129, -128, -33, -32, -1, 0, 1, 127, 128, 255, 256, 65535, 65536,
        (1L << 31) - 1, 1L << 31, (1L << 32) - 1, 1L << 32, Long.MAX_VALUE};

    private static List<Object> plainValues() {
        var values = new ArrayList<Object>();
        values.add(null);
        values.add(true);
        values.add(false);
        for (long n : INTEGERS) {
            values.add(n);
            if (n == (int) n) {
                values.add((int) n);
            }
            if (n == (short) n) {
                values.add((short) n);
            }
            if (n == (byte) n) {
                values.add((byte) n);
            }
        }
        for (double d : new double[] {0.0, -0.0, 1.5, -2.25e300, Double.NaN,
            Double.POSITIVE_INFINITY, Double.MIN_VALUE,
            Double.longBitsToDouble(0x7ff0000000000123L)}) {
            values.add(d);
        }
        values.addAll(List.of(1.5f, 0.1f, Float.NaN, -0.0f));
        for (int n : new int[] {0, 1, 31, 32, 255, 256, 65535, 65536}) {
            values.add("x".repeat(n));
            values.add(new byte[n]);
        }
        values.addAll(List.of("é", "日本語", "a\uD83D\uDE00b", "é".repeat(600), "\uD800 lone",
                "\uD83D\uDE00".repeat(300)));
        values.add(List.of());
        values.add(List.of(1, "two", 3.0, List.of(false)));
        values.add(new ArrayList<>(IntStream.range(0, 15).boxed().toList()));
        values.add(new LinkedList<>(IntStream.range(0, 16).boxed().toList()));
        values.add(IntStream.range(0, 65536).boxed().toList());
        values.add(new TreeSet<>(Set.of("b", "a")));
        values.add(Arrays.asList(null, "x"));
        values.add(Map.of());
        values.add(Map.of("k", 1L));
        var map = new LinkedHashMap<String, Object>();
        IntStream.range(0, 16).forEach(i -> map.put("k" + i, i % 2 == 0 ? null : List.of(i)));
        values.add(map);
        values.add(Map.of("nested", Map.of("deeper", List.of(Map.of("bin", new byte[] {1})))));
        values.add(new Object[] {1, "a", null});
        values.add(new String[] {"a", null});
        values.add(new Integer[][] {{1}, {2, 3}});
        values.add(new int[] {1, -200, 70000});
        values.add(new long[] {Long.MIN_VALUE, 5});
        values.add(new double[] {1.5, Double.NaN});
        values.add(new float[] {1.5f, 0.1f});
        values.add(new short[] {-1, 300});
        values.add(new boolean[] {true, false});
        values.add(nested(PayloadWriter.MAX_DEPTH));
        return values;
    }

    private static Object nested(int depth) {
        Object value = "leaf";
        for (int i = 0; i < depth; i++) {
            value = List.of(value);
        }
        return value;
    }

    private static List<Object> jacksonValues() {
        var withNullKey = new LinkedHashMap<String, Object>();
        withNullKey.put(null, 1);
        return List.of(new Point(1, 2.5), List.of(new Point(1, 2.5)), Map.of(1, "one"),
                withNullKey, Colour.RED, 'c', new char[] {'a', 'b'},
                new java.math.BigInteger("18446744073709551615"), new Pair(),
                nested(PayloadWriter.MAX_DEPTH + 1), "\uD800".repeat(600),
                Map.of("p", new Point(0, 0)));
    }

    @Test
    void plainValuesEncodeWithoutJacksonToJacksonsBytes() {
        for (Object value : plainValues()) {
            byte[] plain = PayloadWriter.tryEncode(value);

            assertThat(plain).as("handled without Jackson: %s", describe(value)).isNotNull();
            assertThat(HexFormat.of().formatHex(plain)).as("bytes of %s", describe(value))
                    .isEqualTo(HexFormat.of().formatHex(
                            Payloads.encodeWithGenerator(value).bytes()));
            assertThat(Payloads.encode(value).bytes()).isEqualTo(plain);
        }
    }

    /** A bean with a no-argument constructor and accessors. */
    public static final class Account {
        private String owner = "ann";
        private float rate = 0.5f;
        private java.util.UUID id = new java.util.UUID(1, 2);

        public String getOwner() {
            return owner;
        }

        public float getRate() {
            return rate;
        }

        public java.util.UUID getId() {
            return id;
        }

        public Colour getColour() {
            return Colour.RED;
        }
    }

    record Mixed(String name, float f, double d, long l, short s, byte b, char c, char[] cs,
            byte[] blob, Colour colour, List<Point> points, Map<Integer, String> byId,
            java.math.BigDecimal decimal, java.math.BigInteger big, Object nothing) {
    }

    @Test
    void valuesJacksonSerialisesEncodeToTheGeneratorsBytes() {
        var values = new ArrayList<Object>(jacksonValues());
        values.remove(1 + jacksonValues().indexOf(Map.of(1, "one")));
        values.add(new Account());
        values.add(List.of(new Account(), Map.of("a", new Point(1, 2))));
        values.add(new Mixed("m", 1.5f, 2.5, 1L << 40, (short) 300, (byte) -5, 'x',
                new char[] {'h', 'i'}, new byte[] {1, 2}, Colour.RED,
                List.of(new Point(-1, 1e300)), Map.of(7, "seven"), null, null, null));
        values.add(new Mixed("with big numbers", 0, 0, 0, (short) 0, (byte) 0, 'y', null, null,
                null, List.of(), Map.of(), new java.math.BigDecimal("1.25"),
                java.math.BigInteger.TWO.pow(70), List.of(new Point(0, 0))));
        values.add(java.util.Optional.of("x"));
        values.add(new java.util.UUID(3, 4));
        for (Object value : values) {
            String hex;
            try {
                hex = HexFormat.of().formatHex(Payloads.encodeWithGenerator(value).bytes());
            } catch (RuntimeException refused) {
                // A PayloadTypeException, or msgpack's IllegalArgumentException for a
                // BigInteger above 64 bits: the same either way.
                assertThatThrownBy(() -> Payloads.encode(value))
                        .isInstanceOf(refused.getClass())
                        .hasMessage(refused.getMessage());
                continue;
            }
            assertThat(HexFormat.of().formatHex(Payloads.encode(value).bytes()))
                    .as("bytes of %s", describe(value)).isEqualTo(hex);
        }
    }

    @Test
    void recordsAndBeansSkipTheGeneratorUnlessATokenHasNoPlainForm() {
        assertThat(Payloads.encodeThroughTokens(new Point(1, 2.5))).isNotNull();
        assertThat(Payloads.encodeThroughTokens(new Account())).isNotNull();
        assertThat(Payloads.encodeThroughTokens(List.of(new Point(1, 2.5), 'c'))).isNotNull();
        assertThat(Payloads.encodeThroughTokens(List.of(new java.math.BigDecimal("1.5"))))
                .isNull();
        assertThat(Payloads.encodeThroughTokens(new Object())).isNull();
    }

    @Test
    void otherValuesAreLeftToJackson() {
        for (Object value : jacksonValues()) {
            assertThat(PayloadWriter.tryEncode(value)).as(describe(value)).isNull();
        }
        assertThat(Payloads.decodeGeneric(Payloads.encode(new Point(1, 2.5))))
                .isEqualTo(Map.of("x", 1L, "y", 2.5));
        assertThatThrownBy(() -> Payloads.encode(Map.of("p", new Object())))
                .isInstanceOf(PayloadTypeException.class)
                .hasMessageContaining("cannot encode payload of type");
    }

    private static List<RawValue> payloads() {
        var raws = new ArrayList<RawValue>();
        for (Object value : plainValues()) {
            raws.add(Payloads.encodeWithGenerator(value));
        }
        for (Object value : jacksonValues()) {
            try {
                raws.add(Payloads.encodeWithGenerator(value));
            } catch (PayloadTypeException unencodable) {
                // Jackson refuses a null key: nothing to decode.
            }
        }
        // Forms Jackson never writes but other encoders may.
        for (String hex : List.of(
                "ca3fc00000",             // float32 1.5
                "d30000000000000001",     // int64 1
                "cf8000000000000000",     // uint64 2^63
                "cfffffffffffffffff",     // uint64 max
                "cd00ff",                 // uint16 255
                "d0ff",                   // int8 -1
                "d90161",                 // str8 "a"
                "da000161",               // str16 "a"
                "db0000000161",           // str32 "a"
                "c50001ff",               // bin16
                "c600000001ff",           // bin32
                "dc000101",               // array16 [1]
                "dd0000000101",           // array32 [1]
                "de0001a16101",           // map16 {"a": 1}
                "df00000001a16101",       // map32 {"a": 1}
                "82a16101a16102",         // duplicate key
                "810102",                 // int key
                "81c001",                 // nil key
                "d40102",                 // fixext1
                "a3c3a9ff",               // invalid UTF-8
                "91c0",                   // [nil]
                "a131",                   // "1"
                "c3")) {
            raws.add(RawValue.copyOf(HexFormat.of().parseHex(hex)));
        }
        return raws;
    }

    private static List<Type> targets() {
        return List.of(Object.class, byte[].class, String.class, Long.class, long.class,
                Integer.class, int.class, Short.class, short.class, Byte.class, byte.class,
                Double.class, double.class, Float.class, float.class, Boolean.class,
                boolean.class, List.class, Collection.class, ArrayList.class, Map.class,
                LinkedHashMap.class, Types.of("ints"), Types.of("strings"), Types.of("anything"),
                Types.of("blobs"), Types.of("longs"), Types.of("longsByName"),
                Types.of("objects"), Types.of("nested"), Types.of("intKeys"), Types.of("points"),
                Types.of("numbers"), Point.class, Character.class, Number.class);
    }

    @Test
    void everyPayloadDecodesIntoEveryTargetAsWithJackson() {
        int handled = 0;
        for (RawValue raw : payloads()) {
            for (Type type : targets()) {
                if (PayloadReader.tryDecode(raw.array(), Target.of(type))
                        != PayloadReader.UNHANDLED) {
                    handled++;
                }
                assertSameOutcome(raw, type);
            }
        }
        assertThat(handled).isGreaterThan(800);
    }

    private static void assertSameOutcome(RawValue raw, Type type) {
        String what = raw + " as " + type.getTypeName();
        Object expected;
        try {
            expected = Payloads.decodeWithJackson(raw, type);
        } catch (RuntimeException jacksonError) {
            // Jackson's own failures too (msgpack-jackson throws a NullPointerException for
            // some unexpected tokens): the fast path must leave them all to Jackson.
            assertThatThrownBy(() -> Payloads.decode(raw, type)).as(what)
                    .isInstanceOf(jacksonError.getClass())
                    .hasMessage(jacksonError.getMessage());
            return;
        }
        Object actual;
        try {
            actual = Payloads.decode(raw, type);
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": Jackson gives " + expected + ", fast path fails", e);
        }
        assertSameValue(actual, expected, what);
    }

    /** Equal values of the same classes, all the way down. */
    private static void assertSameValue(Object actual, Object expected, String what) {
        if (expected == null || actual == null) {
            assertThat(actual).as(what).isEqualTo(expected);
            return;
        }
        assertThat(actual.getClass()).as(what).isEqualTo(expected.getClass());
        switch (expected) {
            case byte[] b -> assertThat((byte[]) actual).as(what).isEqualTo(b);
            case List<?> list -> {
                var got = (List<?>) actual;
                assertThat(got).as(what).hasSameSizeAs(list);
                for (int i = 0; i < list.size(); i++) {
                    assertSameValue(got.get(i), list.get(i), what + " [" + i + "]");
                }
            }
            case Map<?, ?> map -> {
                var got = (Map<?, ?>) actual;
                assertThat(List.copyOf(got.keySet())).as(what).isEqualTo(List.copyOf(map.keySet()));
                for (var key : map.keySet()) {
                    assertSameValue(got.get(key), map.get(key), what + " ." + key);
                }
            }
            default -> assertThat(actual).as(what).isEqualTo(expected);
        }
    }

    @Test
    void commonTargetsAreDecodedWithoutJackson() {
        assertHandled(Payloads.encode(new byte[8]), byte[].class, new byte[8]);
        assertHandled(Payloads.encode(new byte[8]), Object.class, new byte[8]);
        assertHandled(Payloads.encode(7), int.class, 7);
        assertHandled(Payloads.encode(7), Object.class, 7L);
        assertHandled(Payloads.encode(7), double.class, 7.0);
        assertHandled(Payloads.encode("s"), String.class, "s");
        assertHandled(Payloads.encode(2.5), Double.class, 2.5);
        assertHandled(RawValue.NIL, Integer.class, null);
        assertHandled(Payloads.encode(List.of(1, 2)), Types.of("ints"), List.of(1, 2));
        assertHandled(Payloads.encode(Map.of("a", List.of(1))), Types.of("nested"),
                Map.of("a", List.of(1)));
        assertHandled(Payloads.encode(Map.of("a", 1)), Map.class, Map.of("a", 1L));
    }

    private static void assertHandled(RawValue raw, Type type, Object expected) {
        Object decoded = PayloadReader.tryDecode(raw.array(), Target.of(type));
        if (decoded == PayloadReader.UNHANDLED) {
            fail("left to Jackson: " + raw + " as " + type.getTypeName());
        }
        if (expected instanceof byte[] b) {
            assertThat((byte[]) decoded).isEqualTo(b);
        } else {
            assertThat(decoded).isEqualTo(expected);
        }
    }

    @Test
    void refusedValuesFailWithJacksonsMessages() {
        assertThatThrownBy(() -> Payloads.decode(Payloads.encode(1.5), int.class))
                .isInstanceOf(PayloadTypeException.class)
                .hasMessageStartingWith("cannot decode payload as int: found 1.5");
        assertThatThrownBy(() -> Payloads.decode(RawValue.NIL, long.class))
                .isInstanceOf(PayloadTypeException.class)
                .hasMessageStartingWith("cannot decode payload as long: found nil");
        assertThatThrownBy(() -> Payloads.decode(Payloads.encode(70_000), short.class))
                .isInstanceOf(PayloadTypeException.class)
                .hasMessageStartingWith("cannot decode payload as short: found 70000");
        assertThatThrownBy(() -> Payloads.decode(Payloads.encode(List.of(1, "two")),
                Types.of("ints")))
                .isInstanceOf(PayloadTypeException.class)
                .hasMessageContaining("found [1, \"two\"]");
    }

    @Test
    void truncatedOrOversizedInputIsLeftToJackson() {
        for (String hex : List.of("dc00ff", "dd7fffffff", "ddffffffff", "df7fffffff01", "a5ab",
                "c4ff00", "cd00", "cb3ff8", "81a161", "")) {
            byte[] bytes = HexFormat.of().parseHex(hex);
            for (Target target : List.of(Target.ANY, Target.of(Types.of("ints")),
                    Target.of(Map.class), Target.of(String.class), Target.of(byte[].class),
                    Target.of(int.class), Target.of(double.class))) {
                assertThat(PayloadReader.tryDecode(bytes, target)).as(hex + " as " + target)
                        .isSameAs(PayloadReader.UNHANDLED);
            }
        }
    }

    @Test
    void aNullTypeFailsAsJacksonFails() {
        var raw = Payloads.encode(1);
        var expected = catchThrowable(() -> Payloads.decodeWithJackson(raw, null));

        assertThat(expected).isNotNull();
        assertThatThrownBy(() -> Payloads.decode(raw, (Type) null))
                .isInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
    }

    @Test
    void targetsAreResolvedOncePerType() {
        assertThat(Target.of(Types.of("ints"))).isSameAs(Target.of(Types.of("ints")));
        assertThat(Target.of(int.class)).isSameAs(Target.of(int.class));
        assertThat(Target.of(Point.class)).isSameAs(Target.JACKSON);
        assertThat(Target.of(Types.of("points"))).isSameAs(Target.JACKSON);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        var text = value.getClass().isArray() && !(value instanceof Object[])
                ? value.getClass().getSimpleName()
                : value instanceof Object[] a ? Arrays.deepToString(a) : String.valueOf(value);
        return value.getClass().getSimpleName() + " "
                + (text.length() > 80 ? text.substring(0, 80) + "..." : text);
    }
}
