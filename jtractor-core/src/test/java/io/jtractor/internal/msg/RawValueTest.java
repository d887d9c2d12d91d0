package io.jtractor.internal.msg;

import io.jtractor.ActorId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RawValueTest {

    @Test
    void equalityIsOverTheBytes() {
        var a = RawValue.copyOf(new byte[] {(byte) 0xa1, 0x61});
        var b = Values.toRaw("a");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Values.toRaw("b"));
        assertThat(Values.toRaw(null)).isSameAs(RawValue.NIL);
        assertThat(RawValue.NIL.isNil()).isTrue();
    }

    @Test
    void bytesAreCopiedInAndOut() {
        byte[] source = {0x05};
        var raw = RawValue.copyOf(source);
        source[0] = 0x06;
        raw.bytes()[0] = 0x07;

        assertThat(raw.bytes()).containsExactly(0x05);
        assertThat(raw.length()).isEqualTo(1);
    }

    @Test
    void copyOfAcceptsExactlyOneValue() {
        assertThat(RawValue.copyOf(new byte[] {0, 0x01, 0x02}, 1, 1).bytes()).containsExactly(1);
        assertThatThrownBy(() -> RawValue.copyOf(new byte[] {0x01, 0x02}))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("1 bytes after it");
        assertThatThrownBy(() -> RawValue.copyOf(new byte[] {(byte) 0x92, 0x01}))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> RawValue.copyOf(new byte[0]))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void toStringShowsLengthAndHex() {
        assertThat(Values.toRaw(11)).hasToString("RawValue[1 bytes: 0b]");
        assertThat(Values.toRaw(new byte[40]).toString()).startsWith("RawValue[42 bytes: c428")
                .endsWith("...]");
    }

    @Test
    void actorIdShortFormShowsNameAndUuidPrefix() {
        var id = new ActorId("child", "b82a5f1f-1501-4306-865c-73781dda99f5");

        assertThat(id).hasToString("child@b82a5f1f");
        assertThat(ActorId.random("x").uuid()).hasSize(36);
    }
}
