package io.jtractor.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jtractor.internal.ipc.Addr;
import io.jtractor.internal.ipc.TcpAddr;
import io.jtractor.ActorId;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.MsgCodec;
import io.jtractor.internal.msg.Payloads;
import io.jtractor.internal.msg.RawValue;
import io.jtractor.internal.msg.Values;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registrar dialogs keep the reference system's bytes (SPEC W2, W3): what an actor sends
 * to register and unregister, and what the registrar answers to {@code find_actor}, encode to
 * the normalised frames of {@code wire-vectors/}.
 */
class RegistrarWireFormsTest {

    private static final ActorId CHILD = new ActorId("child",
            "aaaaaaaa-0000-4000-8000-000000000002");
    private static final Addr CHILD_ADDR = new TcpAddr("127.0.0.1", 40001);
    private static final String CID = "cccccccc-0000-4000-8000-000000000001";

    private final MsgCodec codec = new MsgCodec();

    @Test
    void theRegistrationStartIsTheReferenceFrame() throws IOException {
        var start = new Msg.Start(CID, "self", "register_actor",
                encode(RegistrationKeeper.registerArgs(CHILD, CHILD_ADDR)), CHILD);

        assertThat(hex(codec.encode(start))).isEqualTo(normalizedBody("start-register_actor"));
    }

    @Test
    void theUnregistrationStartIsTheReferenceFrame() throws IOException {
        var vector = vector("start-unregister_actor");
        var cid = vector.at("/normalized/decoded/cid").asText();
        var start = new Msg.Start(cid, "self", "unregister_actor",
                encode(RegistrationKeeper.unregisterArgs(CHILD)), CHILD);

        assertThat(hex(codec.encode(start))).isEqualTo(normalizedBody("start-unregister_actor"));
    }

    @Test
    void findActorAnswersWithTheReferenceFrames() throws IOException {
        var registry = new Registry();
        registry.register(CHILD, CHILD_ADDR, 1002L);
        var service = new RegistrarService(registry, CHILD, Duration.ofSeconds(1), 1 << 20);
        var hitCid = vector("return-find_actor-hit").at("/normalized/decoded/cid").asText();
        var missCid = vector("return-find_actor-miss").at("/normalized/decoded/cid").asText();
        var caller = new Msg.Aid(CHILD.name(), CHILD.uuid(), 1002L, false, false);

        var hit = service.serve("find_actor", Map.of("name", Values.toRaw("child")), caller);
        var miss = service.serve("find_actor", Map.of("name", Values.toRaw("nobody")), caller);

        assertThat(hex(codec.encode(new Msg.Return(hitCid, hit))))
                .isEqualTo(normalizedBody("return-find_actor-hit"));
        assertThat(hex(codec.encode(new Msg.Return(missCid, miss))))
                .isEqualTo(normalizedBody("return-find_actor-miss"));
    }

    @Test
    void aProbeAnnouncesItselfAsTheReferenceProbesDo() throws IOException {
        var probe = Probe.probeAid();
        var expected = vector("aid-probe").at("/normalized/decoded");

        assertThat(probe.name()).isEqualTo(expected.get("name").asText());
        assertThat(probe.isRegistrar()).isNull();
        assertThat(probe.isProbe()).isTrue();
        assertThat(probe.pid()).isEqualTo(ProcessHandle.current().pid());
    }

    private static Map<String, RawValue> encode(Map<String, Object> args) {
        var encoded = new LinkedHashMap<String, RawValue>();
        args.forEach((k, v) -> encoded.put(k, Payloads.encode(v)));
        return encoded;
    }

    private static JsonNode vector(String name) throws IOException {
        try (var in = RegistrarWireFormsTest.class.getResourceAsStream("/wire-vectors/" + name
                + ".json")) {
            assertThat(in).as("wire vector %s", name).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    /** The normalised frame of a vector without its 4-byte length prefix, as hex. */
    private static String normalizedBody(String name) throws IOException {
        var frame = HexFormat.of().parseHex(vector(name).at("/normalized/frame_hex").asText());
        return hex(Arrays.copyOfRange(frame, 4, frame.length));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
