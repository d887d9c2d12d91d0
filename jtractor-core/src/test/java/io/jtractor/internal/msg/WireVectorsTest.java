package io.jtractor.internal.msg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireVectorsTest {

    private final MsgCodec codec = new MsgCodec();

    static Stream<String> vectorFiles() {
        return WireVectors.vectorFiles();
    }

    static Stream<String> dialogFiles() {
        return WireVectors.dialogFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorFiles")
    void capturedFrameDecodesToItsDecodedForm(String file) {
        JsonNode vector = WireVectors.read(file);
        byte[] body = WireVectors.body(WireVectors.hex(vector.get("frame_hex")));

        Msg msg = codec.decode(body);

        assertThat(msg).isEqualTo(WireVectors.toMsg(vector.get("decoded")));
        assertThat(msg.msgType()).isEqualTo(vector.get("msg_type").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorFiles")
    void normalizedMessageEncodesToTheNormalizedFrame(String file) throws IOException {
        JsonNode normalized = WireVectors.read(file).get("normalized");
        Msg msg = WireVectors.toMsg(normalized.get("decoded"));

        var out = new ByteArrayOutputStream();
        int frameBytes = codec.encodeFrame(msg, out);

        String expected = normalized.get("frame_hex").asText();
        assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo(expected);
        assertThat(frameBytes).isEqualTo(normalized.get("frame_len").asInt());
        byte[] body = WireVectors.body(HexFormat.of().parseHex(expected));
        assertThat(codec.encode(msg)).isEqualTo(body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialogFiles")
    void everyDialogFrameReencodesToItsOwnBytes(String file) {
        int frames = 0;
        for (JsonNode frame : WireVectors.read(file).get("frames")) {
            if (!frame.has("frame_hex")) {
                continue;
            }
            for (String field : new String[] {"frame_hex", "normalized_frame_hex"}) {
                byte[] body = WireVectors.body(WireVectors.hex(frame.get(field)));

                Msg msg = codec.decode(body);

                assertThat(msg.msgType()).isEqualTo(frame.get("msg_type").asText());
                assertThat(HexFormat.of().formatHex(codec.encode(msg)))
                        .as("%s frame %d (%s)", file, frames, field)
                        .isEqualTo(HexFormat.of().formatHex(body));
            }
            frames++;
        }
        assertThat(frames).isPositive();
    }
}
