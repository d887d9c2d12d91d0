package io.jtractor.internal.msg;

import io.jtractor.ActorId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValuesTest {

    private static String hex(Object value) {
        return HexFormat.of().formatHex(Values.toRaw(value).bytes());
    }

    @Test
    void integersTakeTheShortestFormAndPositivesAreUnsigned() {
        assertThat(hex(0)).isEqualTo("00");
        assertThat(hex(127L)).isEqualTo("7f");
        assertThat(hex(200)).isEqualTo("ccc8");
        assertThat(hex(1616L)).isEqualTo("cd0650");
        assertThat(hex(70000L)).isEqualTo("ce00011170");
        assertThat(hex(1L << 40)).isEqualTo("cf0000010000000000");
        assertThat(hex(-1)).isEqualTo("ff");
        assertThat(hex(-32)).isEqualTo("e0");
        assertThat(hex(-33)).isEqualTo("d0df");
        assertThat(hex((short) -200)).isEqualTo("d1ff38");
        assertThat(hex(Long.MIN_VALUE)).isEqualTo("d38000000000000000");
        assertThat(hex(new BigInteger("18446744073709551615"))).isEqualTo("cfffffffffffffffff");
    }

    @Test
    void floatsAreAlwaysFloat64() {
        assertThat(hex(1.5)).isEqualTo("cb3ff8000000000000");
        assertThat(hex(1.5f)).isEqualTo("cb3ff8000000000000");
    }

    @Test
    void scalarsAndContainersUseTheReferenceForms() {
        assertThat(hex(null)).isEqualTo("c0");
        assertThat(hex(false)).isEqualTo("c2");
        assertThat(hex(true)).isEqualTo("c3");
        assertThat(hex("")).isEqualTo("a0");
        assertThat(hex("x".repeat(32))).startsWith("d920");
        assertThat(hex(new byte[] {1, 2})).isEqualTo("c4020102");
        assertThat(hex(List.of())).isEqualTo("90");
        assertThat(hex(Map.of())).isEqualTo("80");
        assertThat(hex(new ActorId("a", "u"))).isEqualTo("92a161a175");
        assertThat(hex(new Object[] {1L, "a"})).isEqualTo("9201a161");
        assertThat(hex(Set.of(7L))).isEqualTo("9107");
    }

    @Test
    void treesRoundTripWithTheirOrderAndTypes() {
        var tree = new LinkedHashMap<Object, Object>();
        tree.put("z", List.of(1L, -2L, 2.5, "s", true));
        tree.put("a", null);
        tree.put(5L, Map.of("nested", new ArrayList<>(List.of(List.of()))));
        tree.put("big", new BigInteger("18446744073709551615"));

        @SuppressWarnings("unchecked")
        var back = (Map<Object, Object>) Values.fromRaw(Values.toRaw(tree));

        assertThat(back).isInstanceOf(LinkedHashMap.class).isEqualTo(tree);
        assertThat(back.keySet()).containsExactly("z", "a", 5L, "big");
    }

    @Test
    void integersDecodeAsLongAndBinaryAsBytes() {
        assertThat(Values.fromRaw(Values.toRaw(3))).isEqualTo(3L);
        assertThat(Values.fromRaw(Values.toRaw(1.5f))).isEqualTo(1.5);
        assertThat((byte[]) Values.fromRaw(Values.toRaw(new byte[] {9}))).containsExactly(9);
    }

    @Test
    void rawValuesAreEmbeddedVerbatim() {
        var inner = Values.toRaw(Map.of("k", 1L));

        assertThat(hex(List.of(inner))).isEqualTo("91" + HexFormat.of().formatHex(inner.bytes()));
    }

    @Test
    void unsupportedTypesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> Values.toRaw(List.of(Thread.State.NEW)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Thread$State");
    }

    @Test
    void cyclicTreesAreRefused() {
        var cycle = new ArrayList<Object>();
        cycle.add(cycle);

        assertThatThrownBy(() -> Values.toRaw(cycle))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested deeper than 512 levels");
    }

    @Test
    void extensionTypesAndDeepNestingAreRejectedOnDecode() {
        var ext = RawValue.copyOf(new byte[] {(byte) 0xd4, 5, 0});
        byte[] deep = new byte[1000];
        Arrays.fill(deep, 0, 999, (byte) 0x91);
        deep[999] = (byte) 0xc0;

        assertThatThrownBy(() -> Values.fromRaw(ext))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("extension type 5");
        assertThatThrownBy(() -> Values.fromRaw(RawValue.copyOf(deep)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("nested deeper than 512 levels");
    }

    @Test
    void binaryLongerThanTheInputIsRejectedWithoutAllocatingIt() {
        var out = new ByteArrayOutputStream();
        out.write(0x82);
        out.writeBytes(Values.toRaw("msg_type").bytes());
        out.writeBytes(Values.toRaw("SpawnSpec").bytes());
        out.writeBytes(Values.toRaw("_parent_main_data").bytes());
        out.writeBytes(new byte[] {(byte) 0xc6, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});

        assertThatThrownBy(() -> new MsgCodec().decode(out.toByteArray()))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("declared length 2147483647 bytes exceeds the 0 bytes left");
    }

    @Test
    void describeRendersOneLineAndCutsLongValues() {
        var tree = new LinkedHashMap<String, Object>();
        tree.put("a", List.of(1L, 2.5));
        tree.put("b", null);
        tree.put("c", new byte[] {1});

        assertThat(Values.describe(tree, 200)).isEqualTo("{\"a\": [1, 2.5], \"b\": nil, "
                + "\"c\": bin[1 bytes: 01]}");
        assertThat(Values.describe("y".repeat(1000), 200)).hasSize(203).endsWith("...");
    }
}
