package io.jtractor.internal.msg;

import io.jtractor.ActorId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jtractor.internal.msg.Msg.Aid;
import io.jtractor.internal.msg.Msg.CancelAck;
import io.jtractor.internal.msg.Msg.Credit;
import io.jtractor.internal.msg.Msg.ErrorMsg;
import io.jtractor.internal.msg.Msg.Return;
import io.jtractor.internal.msg.Msg.SpawnSpec;
import io.jtractor.internal.msg.Msg.Start;
import io.jtractor.internal.msg.Msg.StartAck;
import io.jtractor.internal.msg.Msg.Started;
import io.jtractor.internal.msg.Msg.Stop;
import io.jtractor.internal.msg.Msg.Yield;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MsgCodecTest {

    private static final String CID = "cccccccc-0000-4000-8000-000000000001";
    private static final ActorId ROOT = new ActorId("root", "aaaaaaaa-0000-4000-8000-000000000001");

    private final MsgCodec codec = new MsgCodec();

    /** Encodes an ordered map of fields as a message body, for hand-made inputs. */
    private static byte[] body(Object... keysAndValues) {
        var map = new LinkedHashMap<Object, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Values.toRaw(map).bytes();
    }

    private MalformedMessageException rejection(byte[] body) {
        var e = catchThrowableOfType(MalformedMessageException.class, () -> codec.decode(body));
        assertThat(e).as("decoding %s", HexFormat.of().formatHex(body)).isNotNull();
        return e;
    }

    @Test
    void everyKindSurvivesAnEncodeDecodeRoundTrip() {
        var kwargs = new LinkedHashMap<String, RawValue>();
        kwargs.put("uid", Values.toRaw(ROOT));
        kwargs.put("n", Values.toRaw(70L));
        List<Msg> messages = List.of(
                new Aid("root", ROOT.uuid(), 4242L, true, false),
                new Aid("probe", ROOT.uuid(), null, null, true),
                new Aid("child", ROOT.uuid(), 70000L, false, false,
                        Map.of("credits", true)),
                new SpawnSpec(Map.of("init_main_from_path", "/x.py"),
                        Map.of("_is_root", false), Map.of(), List.of(List.of("127.0.0.1", 1616L)),
                        null),
                new Start(CID, "self", "register_actor", kwargs, ROOT),
                new Start(CID, "mod", "f", Map.of(), ROOT, "int"),
                new StartAck(CID, StartAck.ASYNCGEN),
                new Started(CID, RawValue.NIL),
                new Yield(CID, Values.toRaw(List.of(1L, "two", 3.5, Map.of("k", new byte[] {1})))),
                new Stop(CID),
                new Return(CID, Values.toRaw("done")),
                new CancelAck(CID, false),
                new ErrorMsg(ROOT, "StreamOverrun", "RemoteActorError",
                        List.of(ROOT, new ActorId("child", "u2")), "overrun", "tb", ROOT, ROOT,
                        CID, Map.of("msg_type", "Yield"), Map.of("cid", CID)),
                new Credit(CID, 64));

        for (Msg msg : messages) {
            assertThat(codec.decode(codec.encode(msg))).as(msg.msgType()).isEqualTo(msg);
        }
    }

    @Test
    void frameIsLittleEndianLengthThenBody() throws IOException {
        var out = new ByteArrayOutputStream();
        var msg = new Stop(CID);

        int written = codec.encodeFrame(msg, out);

        byte[] frame = out.toByteArray();
        byte[] body = codec.encode(msg);
        assertThat(written).isEqualTo(frame.length).isEqualTo(body.length + 4);
        assertThat(Arrays.copyOfRange(frame, 0, 4)).containsExactly(body.length, 0, 0, 0);
        assertThat(Arrays.copyOfRange(frame, 4, frame.length)).isEqualTo(body);
    }

    @Test
    void aidExtensionsAreOneKeyAfterTheStandardOnes() {
        var plain = new Aid("child", ROOT.uuid(), 1002L, false, false);
        var extended = new Aid("child", ROOT.uuid(), 1002L, false, false,
                Map.of("credits", true));

        byte[] plainBody = codec.encode(plain);
        byte[] extendedBody = codec.encode(extended);

        assertThat(plainBody[0]).isEqualTo((byte) 0x86);
        assertThat(extendedBody[0]).isEqualTo((byte) 0x87);
        assertThat(Arrays.copyOfRange(extendedBody, 1, plainBody.length))
                .isEqualTo(Arrays.copyOfRange(plainBody, 1, plainBody.length));
        String tail = HexFormat.of().formatHex(extendedBody, plainBody.length, extendedBody.length);
        assertThat(tail).isEqualTo("ac" + HexFormat.of().formatHex("jtractor_ext".getBytes())
                + "81a7" + HexFormat.of().formatHex("credits".getBytes()) + "c3");
    }

    @Test
    void keysAreAcceptedInAnyOrder() {
        Msg msg = codec.decode(body("cid", CID, "pld", 3L, "msg_type", "Yield"));

        assertThat(msg).isEqualTo(new Yield(CID, Values.toRaw(3L)));
    }

    @Test
    void unknownKeysAreIgnored() {
        Msg msg = codec.decode(body("cid", "x", "extra", 1L, "msg_type", "Stop",
                "k".repeat(300), List.of(1L)));

        assertThat(msg).isEqualTo(new Stop("x"));
    }

    @Test
    void unknownKeysAreIgnoredInEveryKindWithFields() {
        assertThat(codec.decode(body("msg_type", "Aid", "", 1L, "name", "a", "zz", "x",
                "uuid", "u"))).isEqualTo(new Aid("a", "u", null, null, false));
        assertThat(codec.decode(body("msg_type", "StartAck", "cid", CID, "", List.of(),
                "functype", "asyncfunc"))).isEqualTo(new StartAck(CID, StartAck.ASYNCFUNC));
        assertThat(codec.decode(body("msg_type", "Return", "other", 2L, "cid", CID,
                "pld", 3L))).isEqualTo(new Return(CID, Values.toRaw(3L)));
        assertThat(codec.decode(body("msg_type", "Credit", "cid", CID, "", "",
                "credits", 64L))).isEqualTo(new Credit(CID, 64));
        assertThat(codec.decode(body("msg_type", "SpawnSpec", "_parent_main_data", Map.of(),
                "", 1L, "_runtime_vars", Map.of(), "enable_modules", Map.of(),
                "reg_addrs", List.of(), "bind_addrs", List.of())))
                .isEqualTo(new SpawnSpec(Map.of(), Map.of(), Map.of(), List.of(), List.of()));
    }

    @Test
    void missingOptionalFieldsTakeTheirDefaults() {
        assertThat(codec.decode(body("msg_type", "Aid", "name", "a", "uuid", "u")))
                .isEqualTo(new Aid("a", "u", null, null, false));
        assertThat(codec.decode(body("msg_type", "Start", "cid", CID, "ns", "m", "func", "f",
                "kwargs", Map.of(), "uid", List.of("root", "u"))))
                .isEqualTo(new Start(CID, "m", "f", Map.of(), new ActorId("root", "u"),
                        "typing.Any"));
        assertThat(codec.decode(body("msg_type", "Error", "src_uid", List.of("a", "u"),
                "src_type_str", "ValueError", "boxed_type_str", "ValueError",
                "relay_path", List.of())))
                .isEqualTo(new ErrorMsg(new ActorId("a", "u"), "ValueError", "ValueError",
                        List.of(), null, "", null, null, null, null, null));
    }

    @Test
    void payloadsAreSlicedVerbatimFromTheBody() {
        var pld = Values.toRaw(Map.of("nested", List.of(1L, List.of(2.5, "x"))));
        byte[] body = codec.encode(new Yield(CID, pld));
        var padded = new byte[body.length + 10];
        System.arraycopy(body, 0, padded, 7, body.length);

        var decoded = (Yield) codec.decode(padded, 7, body.length);

        assertThat(decoded.pld()).isEqualTo(pld);
        assertThat(decoded.pld().bytes()).isEqualTo(pld.bytes());
    }

    @Test
    void stringsUseTheirShortestHeader() {
        String longMessage = "x".repeat(300);
        String accented = "é".repeat(20);
        var msg = new ErrorMsg(ROOT, accented, "E", List.of(), longMessage, "", null, null, null,
                null, null);

        byte[] body = codec.encode(msg);

        String hex = HexFormat.of().formatHex(body);
        assertThat(hex).contains("d928" + HexFormat.of().formatHex(accented.getBytes()));
        assertThat(hex).contains("da012c" + "78".repeat(300));
        assertThat(codec.decode(body)).isEqualTo(msg);
    }

    @Test
    void largeFramesGrowTheBufferAndLaterFramesStayCorrect() throws IOException {
        var big = new Yield(CID, Values.toRaw(new byte[3 << 20]));
        var small = new Stop(CID);

        var out = new ByteArrayOutputStream();
        int bigFrame = codec.encodeFrame(big, out);
        int smallFrame = codec.encodeFrame(small, out);

        byte[] frames = out.toByteArray();
        assertThat(bigFrame + smallFrame).isEqualTo(frames.length);
        assertThat(codec.decode(frames, 4, bigFrame - 4)).isEqualTo(big);
        assertThat(codec.decode(frames, bigFrame + 4, smallFrame - 4)).isEqualTo(small);
    }

    @Test
    void failedEncodeLeavesNothingBehindForTheNext() {
        var bad = new SpawnSpec(Map.of("x", new Object()), Map.of(), Map.of(), List.of(), null);

        assertThatThrownBy(() -> codec.encode(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");

        assertThat(codec.encode(new Stop(CID))).isEqualTo(new MsgCodec().encode(new Stop(CID)));
    }

    @Test
    void frameOverTheGivenLimitIsRefusedBeforeWriting() {
        var out = new ByteArrayOutputStream();
        var msg = new Yield(CID, Values.toRaw(new byte[200]));

        assertThatThrownBy(() -> codec.encodeFrame(msg, out, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Yield cid=" + CID)
                .hasMessageContaining("over the frame limit of 100 bytes");
        assertThat(out.size()).isZero();
    }

    @Test
    void bodyThatIsNotMsgpackIsRejected() {
        var e = rejection(new byte[] {(byte) 0xc1});

        assertThat(e).hasMessageContaining("not valid msgpack");
        assertThat(e.body()).containsExactly(0xc1);
        assertThat(rejection(new byte[0])).hasMessageContaining("not valid msgpack");
        assertThat(rejection(new byte[] {(byte) 0x82, (byte) 0xa3}))
                .hasMessageContaining("ends inside a value");
    }

    @Test
    void bodyThatIsNotAMapIsRejected() {
        assertThat(rejection(Values.toRaw(List.of(1L, 2L)).bytes()))
                .hasMessageContaining("expected a msgpack map as message body, found array [1, 2]");
    }

    @Test
    void missingOrUnknownMsgTypeIsRejected() {
        assertThat(rejection(body("cid", CID)))
                .hasMessageContaining("expected a 'msg_type' key, found none among 1 keys");
        assertThat(rejection(body("msg_type", "Bogus", "cid", CID)))
                .hasMessageContaining("unknown msg_type \"Bogus\"")
                .hasMessageContaining("Yield");
        assertThat(rejection(body("msg_type", 5L)))
                .hasMessageContaining("field 'msg_type': expected str, found int 5");
    }

    @Test
    void missingRequiredFieldIsRejectedWithKindAndContext() {
        var e = rejection(body("msg_type", "Yield", "cid", CID));

        assertThat(e).hasMessageContaining("malformed Yield cid=" + CID)
                .hasMessageContaining("missing required field 'pld'");
        assertThat(e.msgType()).isEqualTo("Yield");
        assertThat(e.cid()).isEqualTo(CID);
    }

    @Test
    void fieldsOfTheWrongTypeAreRejected() {
        assertThat(rejection(body("msg_type", "StartAck", "cid", CID, "functype", "coroutine")))
                .hasMessageContaining("field 'functype': expected \"asyncfunc\", \"asyncgen\" "
                        + "or \"context\", found \"coroutine\"");
        assertThat(rejection(body("msg_type", "CancelAck", "cid", CID, "pld", 1L)))
                .hasMessageContaining("field 'pld': expected bool, found int 1");
        assertThat(rejection(body("msg_type", "Start", "cid", CID, "ns", "m", "func", "f",
                "kwargs", Map.of(), "uid", List.of("root", "u", "extra"))))
                .hasMessageContaining("field 'uid': expected [name, uuid] array of 2, "
                        + "found array of 3");
        assertThat(rejection(body("msg_type", "Aid", "name", "a", "uuid", "u", "pid", "1234")))
                .hasMessageContaining("field 'pid': expected int, found str \"1234\"");
        assertThat(rejection(body("msg_type", "Stop", "cid", 7L)))
                .hasMessageContaining("field 'cid': expected str, found int 7");
    }

    @Test
    void bytesAfterTheMapAreRejected() {
        byte[] stop = codec.encode(new Stop(CID));
        byte[] padded = Arrays.copyOf(stop, stop.length + 1);

        assertThat(rejection(padded)).hasMessageContaining("found 1 more bytes");
    }

    @Test
    void nonStringKeysAreRejected() {
        assertThat(rejection(body("msg_type", "Stop", 1L, "x")))
                .hasMessageContaining("expected str map keys, found int 1");
    }

    @Test
    void decoderStaysUsableAfterARejection() {
        rejection(new byte[] {(byte) 0x81, (byte) 0xa8});

        assertThat(codec.decode(codec.encode(new Stop(CID)))).isEqualTo(new Stop(CID));
    }

    @Test
    void aRepeatedContextIdIsDecodedOnceAndReturnedAgain() {
        byte[] first = codec.encode(new Yield(CID, Values.toRaw(1L)));
        byte[] second = codec.encode(new Yield(CID, Values.toRaw(2L)));

        var a = (Yield) codec.decode(first);
        var b = (Yield) codec.decode(second);
        var stop = (Stop) codec.decode(codec.encode(new Stop(CID)));

        assertThat(a.cid()).isEqualTo(CID);
        assertThat(b.cid()).isSameAs(a.cid());
        assertThat(stop.cid()).isSameAs(a.cid());
        assertThat(b.pld()).isEqualTo(Values.toRaw(2L));
    }

    @Test
    void contextIdsStayCorrectWhenMoreArriveThanAreRemembered() {
        var ids = new java.util.ArrayList<String>();
        for (int i = 0; i < 20; i++) {
            ids.add("cccccccc-0000-4000-8000-0000000000" + (10 + i));
        }
        ids.add("é-non-ascii");
        ids.add("x".repeat(300));
        ids.add("");
        for (int round = 0; round < 2; round++) {
            for (String id : ids) {
                var decoded = codec.decode(codec.encode(new Credit(id, 5)));
                assertThat(decoded).isEqualTo(new Credit(id, 5));
            }
        }
    }

    @Test
    void invalidUtf8InAContextIdIsReplacedAsInOtherStrings() {
        // {"msg_type": "Stop", "cid": <a3 c3 a9 ff>}
        byte[] body = HexFormat.of().parseHex("82a86d73675f74797065a453746f70a3636964a3c3a9ff");

        var stop = (Stop) codec.decode(body);

        assertThat(stop.cid()).isEqualTo("\u00e9\ufffd");
    }
}
