package io.jtractor.internal.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Type;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    record Point(int x, double y, String label) {
    }

    record Shape(String name, List<Point> corners, Map<String, Long> tags, byte[] blob) {
    }

    /** A bean with a no-argument constructor and accessors. */
    public static final class Account {
        private String owner;
        private long balance;

        public String getOwner() {
            return owner;
        }

        public void setOwner(String owner) {
            this.owner = owner;
        }

        public long getBalance() {
            return balance;
        }

        public void setBalance(long balance) {
            this.balance = balance;
        }
    }

    /** Holds fields whose generic types the tests decode into. */
    static final class Types {
        List<Integer> ints;
        Map<String, List<Point>> pointsByName;

        static Type of(String field) {
            try {
                return Types.class.getDeclaredField(field).getGenericType();
            } catch (NoSuchFieldException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A type Jackson cannot serialise: no properties at all. */
    static final class Opaque {
    }

    private static RawValue capturedPayload(String vector) {
        var frame = WireVectors.hex(WireVectors.read(vector + ".json").get("frame_hex"));
        Msg msg = new MsgCodec().decode(WireVectors.body(frame));
        return switch (msg) {
            case Msg.Started m -> m.pld();
            case Msg.Yield m -> m.pld();
            case Msg.Return m -> m.pld();
            default -> throw new AssertionError("no payload in " + vector);
        };
    }

    @Test
    void simplePayloadsEncodeToTheCapturedBytes() {
        assertThat(Payloads.encode(11)).isEqualTo(capturedPayload("started-11"));
        assertThat(Payloads.encode(11).bytes()).containsExactly(0x0b);
        assertThat(Payloads.encode("ping")).isEqualTo(capturedPayload("yield-ping"));
        assertThat(Payloads.encode("ping").bytes()).containsExactly(0xa4, 'p', 'i', 'n', 'g');
        assertThat(Payloads.encode("pong")).isEqualTo(capturedPayload("yield-pong"));
        assertThat(Payloads.encode("done")).isEqualTo(capturedPayload("return-str"));
        assertThat(Payloads.encode(3L)).isEqualTo(capturedPayload("return-rpc"));
        assertThat(Payloads.encode(0)).isEqualTo(capturedPayload("yield-int"));
        assertThat(Payloads.encode(null)).isEqualTo(capturedPayload("started-nil"));
        assertThat(Payloads.encode(List.of(List.of("127.0.0.1", 38431))))
                .isEqualTo(capturedPayload("return-find_actor-hit"));
    }

    @Test
    void capturedPayloadsDecodeIntoJavaTypes() {
        assertThat(Payloads.decode(capturedPayload("started-11"), int.class)).isEqualTo(11);
        assertThat(Payloads.decode(capturedPayload("yield-ping"), String.class)).isEqualTo("ping");
        assertThat(Payloads.decode(capturedPayload("started-nil"), String.class)).isNull();
        assertThat(Payloads.<List<List<Object>>>decode(
                capturedPayload("return-find_actor-hit"), (Type) List.class))
                .containsExactly(List.of("127.0.0.1", 38431L));
    }

    @Test
    void floatsAreWrittenAsFloat64() {
        assertThat(HexFormat.of().formatHex(Payloads.encode(1.5f).bytes()))
                .isEqualTo("cb3ff8000000000000");
        assertThat(HexFormat.of().formatHex(Payloads.encode(new float[] {1.5f}).bytes()))
                .isEqualTo("91cb3ff8000000000000");
        assertThat(Payloads.encode(Map.of("f", 1.5f)))
                .isEqualTo(Values.toRaw(Map.of("f", 1.5)));
    }

    @Test
    void recordsBecomeMapsAndComeBack() {
        var point = new Point(1, 2.5, "a");

        RawValue raw = Payloads.encode(point);

        var expected = new LinkedHashMap<String, Object>();
        expected.put("x", 1L);
        expected.put("y", 2.5);
        expected.put("label", "a");
        assertThat(Payloads.decodeGeneric(raw)).isEqualTo(expected);
        assertThat(raw).isEqualTo(Values.toRaw(expected));
        assertThat(Payloads.decode(raw, Point.class)).isEqualTo(point);
    }

    @Test
    void nestedRecordsCollectionsAndBinaryRoundTrip() {
        var shape = new Shape("tri", List.of(new Point(0, 0, "o"), new Point(1, 1.5, null)),
                Map.of("sides", 3L), new byte[] {1, 2, 3});

        Shape back = Payloads.decode(Payloads.encode(shape), Shape.class);

        assertThat(back.name()).isEqualTo("tri");
        assertThat(back.corners()).isEqualTo(shape.corners());
        assertThat(back.tags()).isEqualTo(shape.tags());
        assertThat(back.blob()).containsExactly(1, 2, 3);
        var generic = (Map<?, ?>) Payloads.decodeGeneric(Payloads.encode(shape));
        assertThat(generic.get("blob")).isInstanceOf(byte[].class);
    }

    @Test
    void beansRoundTripThroughTheirProperties() {
        var account = new Account();
        account.setOwner("ann");
        account.setBalance(70_000);

        Account back = Payloads.decode(Payloads.encode(account), Account.class);

        assertThat(back.getOwner()).isEqualTo("ann");
        assertThat(back.getBalance()).isEqualTo(70_000);
        assertThat(Payloads.decodeGeneric(Payloads.encode(account)))
                .isEqualTo(Map.of("owner", "ann", "balance", 70_000L));
    }

    @Test
    void genericTypesDecodeTheirElements() {
        List<Integer> ints = Payloads.decode(Payloads.encode(List.of(1, 2, 3)), Types.of("ints"));
        Map<String, List<Point>> byName = Payloads.decode(
                Payloads.encode(Map.of("p", List.of(new Point(1, 2, "x")))),
                Types.of("pointsByName"));

        assertThat(ints).containsExactly(1, 2, 3);
        assertThat(ints.get(0)).isInstanceOf(Integer.class);
        assertThat(byName.get("p")).containsExactly(new Point(1, 2, "x"));
    }

    @Test
    void unknownPropertiesAreIgnoredAndIntsFitDoubles() {
        var raw = Values.toRaw(Map.of("x", 4L, "y", 7L, "label", "p", "extra", List.of()));

        assertThat(Payloads.decode(raw, Point.class)).isEqualTo(new Point(4, 7.0, "p"));
    }

    @Test
    void mismatchNamesTheTypeAndShowsTheValue() {
        var e = catchThrowableOfType(PayloadTypeException.class,
                () -> Payloads.decode(Payloads.encode("eleven"), int.class));

        assertThat(e).hasMessageStartingWith("cannot decode payload as int: found \"eleven\"");
        assertThat(e.type()).isEqualTo(int.class);
        assertThat(e.value()).isEqualTo("\"eleven\"");
    }

    @Test
    void lossyOrNullConversionsAreRefused() {
        assertThatThrownBy(() -> Payloads.decode(Payloads.encode(1.5), int.class))
                .isInstanceOf(PayloadTypeException.class)
                .hasMessageContaining("found 1.5");
        assertThatThrownBy(() -> Payloads.decode(RawValue.NIL, int.class))
                .isInstanceOf(PayloadTypeException.class)
                .hasMessageContaining("found nil");
        assertThatThrownBy(() -> Payloads.decode(Payloads.encode("3"), Integer.class))
                .isInstanceOf(PayloadTypeException.class);
    }

    @Test
    void integersOutsideTheTargetRangeAreRefusedNotNarrowed() {
        var beyondInt = Payloads.encode(1L << 40);
        var beyondLong = RawValue.copyOf(HexFormat.of().parseHex("cfffffffffffffffff"));

        assertThatThrownBy(() -> Payloads.decode(beyondInt, int.class))
                .isInstanceOf(PayloadTypeException.class)
                .hasMessageStartingWith("cannot decode payload as int: found 1099511627776");
        assertThatThrownBy(() -> Payloads.decode(beyondInt, Integer.class))
                .isInstanceOf(PayloadTypeException.class);
        assertThatThrownBy(() -> Payloads.decode(Payloads.encode(List.of(1, 1L << 40)),
                Types.of("ints"))).isInstanceOf(PayloadTypeException.class);
        assertThatThrownBy(() -> Payloads.decode(Payloads.encode(new long[] {1L << 40}),
                int[].class)).isInstanceOf(PayloadTypeException.class);
        assertThatThrownBy(() -> Payloads.decode(Payloads.encode(
                Map.of("x", 1L << 40, "y", 0.5, "label", "p")), Point.class))
                .isInstanceOf(PayloadTypeException.class);
        assertThatThrownBy(() -> Payloads.decode(beyondLong, long.class))
                .isInstanceOf(PayloadTypeException.class)
                .hasMessageContaining("found 18446744073709551615");
    }

    @Test
    void integersAtTheEdgesOfTheTargetRangeDecode() {
        assertThat(Payloads.decode(Payloads.encode((long) Integer.MAX_VALUE), int.class))
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(Payloads.decode(Payloads.encode((long) Integer.MIN_VALUE), Integer.class))
                .isEqualTo(Integer.MIN_VALUE);
        assertThat(Payloads.decode(Payloads.encode(Long.MAX_VALUE), long.class))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(Payloads.decode(Payloads.encode(new long[] {Integer.MAX_VALUE}), int[].class))
                .containsExactly(Integer.MAX_VALUE);
        assertThat(Payloads.decode(Payloads.encode(
                Map.of("x", Integer.MIN_VALUE, "y", 0.5, "label", "p")), Point.class))
                .isEqualTo(new Point(Integer.MIN_VALUE, 0.5, "p"));
    }

    @Test
    void mismatchInsideAGenericTypeNamesThePath() {
        var raw = Payloads.encode(List.of(1, "two"));

        assertThatThrownBy(() -> Payloads.decode(raw, Types.of("ints")))
                .isInstanceOf(PayloadTypeException.class)
                .hasMessageContaining("java.util.List<java.lang.Integer>")
                .hasMessageContaining("found [1, \"two\"]")
                .hasMessageContaining("[1]");
    }

    @Test
    void longOffendingValuesAreCut() {
        var raw = Payloads.encode(List.of("z".repeat(500)));

        var e = catchThrowableOfType(PayloadTypeException.class,
                () -> Payloads.decode(raw, Point.class));

        assertThat(e.value()).hasSize(203).endsWith("...");
        assertThat(e.getMessage()).contains(Point.class.getName());
    }

    @Test
    void unencodableValuesAreRefusedWithTheirType() {
        assertThatThrownBy(() -> Payloads.encode(new Opaque()))
                .isInstanceOf(PayloadTypeException.class)
                .hasMessageContaining("cannot encode payload of type " + Opaque.class.getName());
    }
}
