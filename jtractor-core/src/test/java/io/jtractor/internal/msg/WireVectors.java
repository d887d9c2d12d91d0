package io.jtractor.internal.msg;

import io.jtractor.ActorId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jtractor.internal.msg.Msg.Aid;
import io.jtractor.internal.msg.Msg.CancelAck;
import io.jtractor.internal.msg.Msg.ErrorMsg;
import io.jtractor.internal.msg.Msg.Return;
import io.jtractor.internal.msg.Msg.SpawnSpec;
import io.jtractor.internal.msg.Msg.Start;
import io.jtractor.internal.msg.Msg.StartAck;
import io.jtractor.internal.msg.Msg.Started;
import io.jtractor.internal.msg.Msg.Stop;
import io.jtractor.internal.msg.Msg.Yield;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the captured reference frames under {@code /wire-vectors} and builds their messages. */
final class WireVectors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WireVectors() {
    }

    /** Returns the file names of all single-message vectors, from {@code index.json}. */
    static Stream<String> vectorFiles() {
        var files = new ArrayList<String>();
        read("index.json").get("vectors").forEach(v -> files.add(v.get("file").asText()));
        return files.stream();
    }

    /** Returns the file names of all dialogs. */
    static Stream<String> dialogFiles() {
        try (var list = Files.list(resourceDir("dialogs"))) {
            return list.map(p -> "dialogs/" + p.getFileName()).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String file) {
        try (InputStream in = WireVectors.class.getResourceAsStream("/wire-vectors/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource wire-vectors/" + file);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(JsonNode node) {
        return HexFormat.of().parseHex(node.asText());
    }

    /** Returns a frame's body after checking that its prefix is the body's length. */
    static byte[] body(byte[] frame) {
        long prefix = (frame[0] & 0xffL) | (frame[1] & 0xffL) << 8 | (frame[2] & 0xffL) << 16
                | (frame[3] & 0xffL) << 24;
        if (prefix != frame.length - 4) {
            throw new AssertionError("prefix says " + prefix + " bytes, body has "
                    + (frame.length - 4));
        }
        return Arrays.copyOfRange(frame, 4, frame.length);
    }

    /** Builds the message a vector's {@code decoded} JSON describes, field by field. */
    @SuppressWarnings("unchecked")
    static Msg toMsg(JsonNode d) {
        return switch (d.get("msg_type").asText()) {
            case "Aid" -> new Aid(text(d, "name"), text(d, "uuid"),
                    d.get("pid").isNull() ? null : d.get("pid").asLong(),
                    d.get("is_registrar").isNull() ? null : d.get("is_registrar").asBoolean(),
                    d.get("is_probe").asBoolean());
            case "SpawnSpec" -> new SpawnSpec(generic(d.get("_parent_main_data")),
                    (Map<String, Object>) generic(d.get("_runtime_vars")),
                    (Map<String, Object>) generic(d.get("enable_modules")),
                    (List<Object>) generic(d.get("reg_addrs")),
                    (List<Object>) generic(d.get("bind_addrs")));
            case "Start" -> {
                var kwargs = new LinkedHashMap<String, RawValue>();
                d.get("kwargs").properties().forEach(
                        e -> kwargs.put(e.getKey(), Values.toRaw(generic(e.getValue()))));
                yield new Start(text(d, "cid"), text(d, "ns"), text(d, "func"), kwargs,
                        actorId(d.get("uid")), text(d, "pld_spec"));
            }
            case "StartAck" -> new StartAck(text(d, "cid"), text(d, "functype"));
            case "Started" -> new Started(text(d, "cid"), Values.toRaw(generic(d.get("pld"))));
            case "Yield" -> new Yield(text(d, "cid"), Values.toRaw(generic(d.get("pld"))));
            case "Return" -> new Return(text(d, "cid"), Values.toRaw(generic(d.get("pld"))));
            case "Stop" -> new Stop(text(d, "cid"));
            case "CancelAck" -> new CancelAck(text(d, "cid"), d.get("pld").asBoolean());
            case "Error" -> {
                var relayPath = new ArrayList<ActorId>();
                d.get("relay_path").forEach(hop -> relayPath.add(actorId(hop)));
                yield new ErrorMsg(actorId(d.get("src_uid")), text(d, "src_type_str"),
                        text(d, "boxed_type_str"), relayPath, text(d, "message"),
                        text(d, "tb_str"), actorId(d.get("canceller")),
                        actorId(d.get("sender")), text(d, "cid"),
                        generic(d.get("_bad_msg")), generic(d.get("_bad_msg_as_dict")));
            }
            default -> throw new IllegalArgumentException("unknown msg_type in " + d);
        };
    }

    /** Converts JSON to a value tree as {@link Values} decodes msgpack: ints as Long. */
    static Object generic(JsonNode node) {
        if (node.isObject()) {
            var map = new LinkedHashMap<String, Object>();
            node.properties().forEach(e -> map.put(e.getKey(), generic(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            var list = new ArrayList<Object>();
            node.forEach(item -> list.add(generic(item)));
            return list;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.asLong() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        return node.asText();
    }

    private static String text(JsonNode d, String field) {
        JsonNode n = d.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static ActorId actorId(JsonNode n) {
        return n == null || n.isNull() ? null : new ActorId(n.get(0).asText(), n.get(1).asText());
    }

    private static Path resourceDir(String name) {
        try {
            return Path.of(WireVectors.class.getResource("/wire-vectors/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
