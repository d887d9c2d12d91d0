package io.jtractor.internal.msg;

import io.jtractor.ActorId;
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
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;
import org.msgpack.value.ValueType;

/**
 * Encodes {@link Msg}s to msgpack bodies and frames, and decodes bodies back.
 *
 * <p><b>Encoding</b> is byte-identical to the reference encoder: a map whose first key is
 * {@code msg_type}, then every field in declaration order, defaults included, each value in its
 * shortest msgpack form (str8 for strings of 32 to 255 bytes, unsigned forms for positive
 * integers, float64 for every float). {@code Aid} extensions are one extra key at the end, only
 * when present. Payloads are copied in verbatim from their {@link RawValue}s.
 *
 * <p><b>Decoding</b> accepts keys in any order, ignores unknown keys, applies the defaults of
 * missing optional fields and slices payloads out as {@link RawValue}s without interpreting
 * them. Anything else is a {@link MalformedMessageException}.
 *
 * <p><b>Implementation overview.</b> One instance owns a frame array that a msgpack-core packer
 * writes into and an unpacker that reads straight from the caller's array; both are reused, so
 * encoding or decoding a {@code Yield} allocates only the frame's payload bytes and the decoded
 * message. Map keys are matched as bytes against precomputed tables, never turned into strings,
 * and a context id seen recently on this codec is matched as bytes and returned as the same
 * string as before.
 * An instance is not thread-safe: a connection uses one for sending, under its send lock, and
 * one for receiving, on its reader thread.
 */
public final class MsgCodec {

    /** The largest body a frame's 32-bit length prefix can describe within a Java array. */
    public static final int MAX_BODY_BYTES = Integer.MAX_VALUE - 16;

    /** Longest string encoded through the ASCII fast path; also the key scratch size. */
    private static final int SCRATCH_BYTES = 256;

    /** How many recently decoded context ids are kept to be returned again. */
    private static final int RECENT_CIDS = 8;

    private final FrameOutput frame = new FrameOutput();
    private final MessagePacker packer = MessagePack.newDefaultPacker(frame);
    private final ArrayBufferInput input = new ArrayBufferInput(new byte[0]);
    private final MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(input);
    private final byte[] scratch = new byte[SCRATCH_BYTES];

    /**
     * The context ids decoded last, as UTF-8 and as strings, replaced round robin; see
     * {@link #readCid()}. Used by the decoding thread only, like the rest of the decoder.
     */
    private final byte[][] recentCidBytes = new byte[RECENT_CIDS][];
    private final String[] recentCids = new String[RECENT_CIDS];
    private int nextRecentCid;

    /**
     * The body being decoded and what has been learnt of it so far, for error messages; the
     * readers of {@code Start}, {@code StartAck} and the payload kinds keep the context id they
     * read in {@code cid} itself.
     */
    private byte[] body;
    private int bodyOff;
    private int bodyLen;
    private Kind kind;
    private String cid;

    /** Creates a codec; cheap, but meant to be kept per connection direction. */
    public MsgCodec() {
    }

    /**
     * Returns the msgpack body of {@code msg}, without a length prefix.
     *
     * @throws IllegalArgumentException if a value tree in {@code msg} holds a type that
     *     {@link Values} cannot encode
     */
    public byte[] encode(Msg msg) {
        try {
            encodeBody(msg);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory packer failed", e);
        }
        byte[] array = frame.finishFrame();
        return Arrays.copyOfRange(array, FrameOutput.PREFIX_BYTES, FrameOutput.PREFIX_BYTES
                + frame.bodyLength());
    }

    /**
     * Writes {@code msg} to {@code out} as one frame, the 4-byte little-endian body length and
     * the body, with a single {@code write} call.
     *
     * @return the frame's length in bytes, prefix included
     * @throws IllegalArgumentException if a value tree in {@code msg} cannot be encoded; nothing
     *     has been written to {@code out} then
     * @throws IOException if {@code out} fails
     */
    public int encodeFrame(Msg msg, OutputStream out) throws IOException {
        return encodeFrame(msg, out, MAX_BODY_BYTES);
    }

    /**
     * Writes {@code msg} to {@code out} as one frame, as {@link #encodeFrame(Msg, OutputStream)}
     * does, if its body is at most {@code maxBodyBytes} long.
     *
     * @return the frame's length in bytes, prefix included
     * @throws IllegalArgumentException if the body would be longer than {@code maxBodyBytes},
     *     or a value tree in {@code msg} cannot be encoded; nothing has been written then
     * @throws IOException if {@code out} fails
     */
    public int encodeFrame(Msg msg, OutputStream out, int maxBodyBytes) throws IOException {
        encodeBody(msg);
        int bodyBytes = frame.bodyLength();
        if (bodyBytes > maxBodyBytes) {
            throw new IllegalArgumentException(msg.msgType() + " cid=" + msg.cid()
                    + " encodes to " + bodyBytes + " bytes, over the frame limit of "
                    + maxBodyBytes + " bytes");
        }
        int frameBytes = FrameOutput.PREFIX_BYTES + bodyBytes;
        out.write(frame.finishFrame(), 0, frameBytes);
        return frameBytes;
    }

    private void encodeBody(Msg msg) throws IOException {
        // A failed earlier call may have left bytes in the packer: push them out, then forget.
        packer.flush();
        frame.restart();
        switch (msg) {
            case Aid m -> encodeAid(m);
            case SpawnSpec m -> {
                header(Kind.SPAWN_SPEC, 5);
                key(Field.PARENT_MAIN_DATA).value(m.parentMainData());
                key(Field.RUNTIME_VARS).value(m.runtimeVars());
                key(Field.ENABLE_MODULES).value(m.enableModules());
                key(Field.REG_ADDRS).value(m.regAddrs());
                key(Field.BIND_ADDRS).value(m.bindAddrs());
            }
            case Start m -> encodeStart(m);
            case StartAck m -> {
                header(Kind.START_ACK, 2);
                key(Field.CID).str(m.cid());
                key(Field.FUNCTYPE).str(m.functype());
            }
            case Started m -> encodePayloadMsg(Kind.STARTED, m.cid(), m.pld());
            case Yield m -> encodePayloadMsg(Kind.YIELD, m.cid(), m.pld());
            case Return m -> encodePayloadMsg(Kind.RETURN, m.cid(), m.pld());
            case Stop m -> {
                header(Kind.STOP, 1);
                key(Field.CID).str(m.cid());
            }
            case CancelAck m -> {
                header(Kind.CANCEL_ACK, 2);
                key(Field.CID).str(m.cid());
                key(Field.PLD);
                packer.packBoolean(m.pld());
            }
            case ErrorMsg m -> encodeError(m);
            case Credit m -> {
                header(Kind.CREDIT, 2);
                key(Field.CID).str(m.cid());
                key(Field.CREDITS);
                packer.packLong(m.credits());
            }
        }
        packer.flush();
    }

    private void encodeAid(Aid m) throws IOException {
        boolean extended = !m.extensions().isEmpty();
        header(Kind.AID, extended ? 6 : 5);
        key(Field.NAME).str(m.name());
        key(Field.UUID).str(m.uuid());
        key(Field.PID).value(m.pid());
        key(Field.IS_REGISTRAR).value(m.isRegistrar());
        key(Field.IS_PROBE);
        packer.packBoolean(m.isProbe());
        if (extended) {
            key(Field.JTRACTOR_EXT).value(m.extensions());
        }
    }

    private void encodeStart(Start m) throws IOException {
        header(Kind.START, 6);
        key(Field.CID).str(m.cid());
        key(Field.NS).str(m.ns());
        key(Field.FUNC).str(m.func());
        key(Field.KWARGS);
        packer.packMapHeader(m.kwargs().size());
        for (var e : m.kwargs().entrySet()) {
            str(e.getKey());
            packer.writePayload(e.getValue().array());
        }
        key(Field.UID).actorId(m.uid());
        key(Field.PLD_SPEC).str(m.pldSpec());
    }

    private void encodePayloadMsg(Kind k, String cid, RawValue pld) throws IOException {
        header(k, 2);
        key(Field.CID).str(cid);
        key(Field.PLD);
        packer.writePayload(pld.array());
    }

    private void encodeError(ErrorMsg m) throws IOException {
        header(Kind.ERROR, 11);
        key(Field.SRC_UID).actorId(m.srcUid());
        key(Field.SRC_TYPE_STR).str(m.srcTypeStr());
        key(Field.BOXED_TYPE_STR).str(m.boxedTypeStr());
        key(Field.RELAY_PATH);
        packer.packArrayHeader(m.relayPath().size());
        for (var hop : m.relayPath()) {
            actorId(hop);
        }
        key(Field.MESSAGE).str(m.message());
        key(Field.TB_STR).str(m.tbStr());
        key(Field.CANCELLER).actorId(m.canceller());
        key(Field.SENDER).actorId(m.sender());
        key(Field.CID).str(m.cid());
        key(Field.BAD_MSG).value(m.badMsg());
        key(Field.BAD_MSG_AS_DICT).value(m.badMsgAsDict());
    }

    /** Writes the map header for {@code fields} fields plus {@code msg_type}, and the kind. */
    private void header(Kind k, int fields) throws IOException {
        packer.packMapHeader(fields + 1);
        packer.writePayload(Field.MSG_TYPE.encoded);
        packer.writePayload(k.encoded);
    }

    private MsgCodec key(Field f) throws IOException {
        packer.writePayload(f.encoded);
        return this;
    }

    /** Writes a string, or nil for null; ASCII strings go through scratch without allocating. */
    private void str(String s) throws IOException {
        if (s == null) {
            packer.packNil();
            return;
        }
        int n = s.length();
        if (n > SCRATCH_BYTES) {
            packer.packString(s);
            return;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                packer.packString(s);
                return;
            }
            scratch[i] = (byte) c;
        }
        packer.packRawStringHeader(n);
        packer.writePayload(scratch, 0, n);
    }

    /** Writes {@code [name, uuid]}, or nil for null. */
    private void actorId(ActorId id) throws IOException {
        if (id == null) {
            packer.packNil();
            return;
        }
        packer.packArrayHeader(2);
        str(id.name());
        str(id.uuid());
    }

    private void value(Object v) throws IOException {
        Values.write(packer, v, 0);
    }

    /**
     * Decodes a whole message body.
     *
     * @throws MalformedMessageException if {@code body} is not one msgpack map forming a valid
     *     message
     */
    public Msg decode(byte[] body) {
        return decode(body, 0, body.length);
    }

    /**
     * Decodes the message body held in {@code len} bytes of {@code body} from {@code off}.
     * The result does not refer to {@code body}: the caller may reuse the array at once.
     *
     * @throws MalformedMessageException if the range is not one msgpack map forming a valid
     *     message: not msgpack, not a map, bytes after the map, a missing or unknown
     *     {@code msg_type}, a missing required field or a field of the wrong type
     * @throws IndexOutOfBoundsException if the range lies outside {@code body}
     */
    public Msg decode(byte[] body, int off, int len) {
        Objects.checkFromIndexSize(off, len, body.length);
        this.body = body;
        this.bodyOff = off;
        this.bodyLen = len;
        this.kind = null;
        this.cid = null;
        try {
            Msg msg = decodeMap();
            long read = unpacker.getTotalReadBytes();
            if (read != len) {
                throw malformed("expected the body to end after the message map at byte " + read
                        + ", found " + (len - read) + " more bytes", null);
            }
            return msg;
        } catch (MessagePackException | IOException e) {
            throw malformed("not valid msgpack at byte " + unpacker.getTotalReadBytes() + ": "
                    + describe(e), e);
        } finally {
            this.body = null;
        }
    }

    private void restartInput() throws IOException {
        input.reset(body, bodyOff, bodyLen);
        unpacker.reset(input);
    }

    private Msg decodeMap() throws IOException {
        restartInput();
        int entries = readMapHeader();

        // Fast path: msg_type comes first, as every conforming sender writes it.
        if (entries > 0 && readKey(Field.ENVELOPE) == Field.MSG_TYPE) {
            kind = readKind();
            entries--;
        } else {
            kind = findKind(entries);
            restartInput();
            entries = readMapHeader();
        }
        return switch (kind) {
            case AID -> readAid(entries);
            case SPAWN_SPEC -> readSpawnSpec(entries);
            case START -> readStart(entries);
            case START_ACK -> readStartAck(entries);
            case STARTED, YIELD, RETURN -> readPayloadMsg(entries);
            case STOP -> readStop(entries);
            case CANCEL_ACK -> readCancelAck(entries);
            case ERROR -> readError(entries);
            case CREDIT -> readCredit(entries);
        };
    }

    private int readMapHeader() throws IOException {
        MessageFormat format = unpacker.getNextFormat();
        if (format.getValueType() != ValueType.MAP) {
            throw malformed("expected a msgpack map as message body, found " + found(), null);
        }
        return unpacker.unpackMapHeader();
    }

    /** Scans the whole map for {@code msg_type} when it is not the first key. */
    private Kind findKind(int entries) throws IOException {
        restartInput();
        unpacker.unpackMapHeader();
        for (int i = 0; i < entries; i++) {
            if (readKey(Field.ENVELOPE) == Field.MSG_TYPE) {
                return readKind();
            }
            unpacker.skipValue();
        }
        throw malformed("expected a 'msg_type' key, found none among " + entries + " keys", null);
    }

    private Kind readKind() throws IOException {
        if (unpacker.getNextFormat().getValueType() != ValueType.STRING) {
            throw malformed("field 'msg_type': expected str, found " + found(), null);
        }
        int n = unpacker.unpackRawStringHeader();
        if (n <= SCRATCH_BYTES) {
            unpacker.readPayload(scratch, 0, n);
            for (Kind k : Kind.VALUES) {
                if (k.matches(scratch, n)) {
                    return k;
                }
            }
            throw malformed("unknown msg_type \""
                    + new String(scratch, 0, n, StandardCharsets.UTF_8) + "\"; expected one of "
                    + Kind.NAMES, null);
        }
        throw malformed("unknown msg_type of " + n + " bytes; expected one of " + Kind.NAMES, null);
    }

    /**
     * Reads a map key and returns the field among {@code fields} it names, or
     * {@link Field#OTHER} for an unknown key.
     */
    private Field readKey(Field[] fields) throws IOException {
        MessageFormat format = unpacker.getNextFormat();
        if (format.getValueType() != ValueType.STRING) {
            throw malformed("expected str map keys, found " + found(), null);
        }
        int n = unpacker.unpackRawStringHeader();
        if (n > SCRATCH_BYTES) {
            Values.checkAvailable(unpacker, bodyLen, n);
            for (int left = n; left > 0; left -= SCRATCH_BYTES) {
                unpacker.readPayload(scratch, 0, Math.min(left, SCRATCH_BYTES));
            }
            return Field.OTHER;
        }
        unpacker.readPayload(scratch, 0, n);
        for (Field f : fields) {
            if (f.matches(scratch, n)) {
                return f;
            }
        }
        return Field.OTHER;
    }

    private Msg readAid(int entries) throws IOException {
        String name = null;
        String uuid = null;
        Long pid = null;
        Boolean isRegistrar = null;
        boolean isProbe = false;
        Map<String, Object> extensions = Map.of();
        for (int i = 0; i < entries; i++) {
            switch (readKey(Field.AID)) {
                case NAME -> name = readStr(Field.NAME);
                case UUID -> uuid = readStr(Field.UUID);
                case PID -> pid = readLongOrNil(Field.PID);
                case IS_REGISTRAR -> isRegistrar = readBoolOrNil(Field.IS_REGISTRAR);
                case IS_PROBE -> isProbe = readBool(Field.IS_PROBE);
                case JTRACTOR_EXT -> extensions = readStrMapOrNil(Field.JTRACTOR_EXT);
                default -> unpacker.skipValue();
            }
        }
        return new Aid(required(name, Field.NAME), required(uuid, Field.UUID), pid, isRegistrar,
                isProbe, extensions);
    }

    private Msg readSpawnSpec(int entries) throws IOException {
        Object parentMainData = null;
        Map<String, Object> runtimeVars = null;
        Map<String, Object> enableModules = null;
        List<Object> regAddrs = null;
        List<Object> bindAddrs = null;
        var seen = EnumSet.noneOf(Field.class);
        for (int i = 0; i < entries; i++) {
            Field f = readKey(Field.SPAWN_SPEC);
            switch (f) {
                case PARENT_MAIN_DATA -> parentMainData = readAny();
                case RUNTIME_VARS -> runtimeVars = readStrMapOrNil(f);
                case ENABLE_MODULES -> enableModules = readStrMapOrNil(f);
                case REG_ADDRS -> regAddrs = readListOrNil(f);
                case BIND_ADDRS -> bindAddrs = readListOrNil(f);
                default -> unpacker.skipValue();
            }
            if (f != Field.OTHER) {
                seen.add(f);
            }
        }
        for (Field f : Field.SPAWN_SPEC) {
            if (!seen.contains(f)) {
                throw missing(f);
            }
        }
        return new SpawnSpec(parentMainData, runtimeVars, enableModules, regAddrs, bindAddrs);
    }

    private Msg readStart(int entries) throws IOException {
        String ns = null;
        String func = null;
        Map<String, RawValue> kwargs = null;
        ActorId uid = null;
        String pldSpec = Start.DEFAULT_PLD_SPEC;
        for (int i = 0; i < entries; i++) {
            switch (readKey(Field.START)) {
                case CID -> cid = readCid();
                case NS -> ns = readStr(Field.NS);
                case FUNC -> func = readStr(Field.FUNC);
                case KWARGS -> kwargs = readKwargs();
                case UID -> uid = readActorId(Field.UID);
                case PLD_SPEC -> pldSpec = readStr(Field.PLD_SPEC);
                default -> unpacker.skipValue();
            }
        }
        return new Start(required(cid, Field.CID), required(ns, Field.NS),
                required(func, Field.FUNC), required(kwargs, Field.KWARGS),
                required(uid, Field.UID), pldSpec);
    }

    private Msg readStartAck(int entries) throws IOException {
        String functype = null;
        for (int i = 0; i < entries; i++) {
            switch (readKey(Field.START_ACK)) {
                case CID -> cid = readCid();
                case FUNCTYPE -> {
                    functype = readStr(Field.FUNCTYPE);
                    if (!StartAck.isFunctype(functype)) {
                        throw malformed("field 'functype': expected \"asyncfunc\", \"asyncgen\" "
                                + "or \"context\", found \"" + functype + "\"", null);
                    }
                }
                default -> unpacker.skipValue();
            }
        }
        return new StartAck(required(cid, Field.CID), required(functype, Field.FUNCTYPE));
    }

    private Msg readPayloadMsg(int entries) throws IOException {
        RawValue pld = null;
        for (int i = 0; i < entries; i++) {
            switch (readKey(Field.PAYLOAD_MSG)) {
                case CID -> cid = readCid();
                case PLD -> pld = readRaw();
                default -> unpacker.skipValue();
            }
        }
        required(cid, Field.CID);
        required(pld, Field.PLD);
        return switch (kind) {
            case STARTED -> new Started(cid, pld);
            case YIELD -> new Yield(cid, pld);
            default -> new Return(cid, pld);
        };
    }

    private Msg readStop(int entries) throws IOException {
        for (int i = 0; i < entries; i++) {
            if (readKey(Field.STOP) == Field.CID) {
                cid = readCid();
            } else {
                unpacker.skipValue();
            }
        }
        return new Stop(required(cid, Field.CID));
    }

    private Msg readCancelAck(int entries) throws IOException {
        Boolean pld = null;
        for (int i = 0; i < entries; i++) {
            switch (readKey(Field.PAYLOAD_MSG)) {
                case CID -> cid = readCid();
                case PLD -> pld = readBool(Field.PLD);
                default -> unpacker.skipValue();
            }
        }
        return new CancelAck(required(cid, Field.CID), required(pld, Field.PLD));
    }

    private Msg readError(int entries) throws IOException {
        ActorId srcUid = null;
        String srcTypeStr = null;
        String boxedTypeStr = null;
        List<ActorId> relayPath = null;
        String message = null;
        String tbStr = "";
        ActorId canceller = null;
        ActorId sender = null;
        Object badMsg = null;
        Object badMsgAsDict = null;
        for (int i = 0; i < entries; i++) {
            Field f = readKey(Field.ERROR);
            switch (f) {
                case SRC_UID -> srcUid = readActorId(f);
                case SRC_TYPE_STR -> srcTypeStr = readStr(f);
                case BOXED_TYPE_STR -> boxedTypeStr = readStr(f);
                case RELAY_PATH -> relayPath = readRelayPath();
                case MESSAGE -> message = readStrOrNil(f);
                case TB_STR -> tbStr = readStr(f);
                case CANCELLER -> canceller = readActorIdOrNil(f);
                case SENDER -> sender = readActorIdOrNil(f);
                case CID -> cid = readStrOrNil(f);
                case BAD_MSG -> badMsg = readAny();
                case BAD_MSG_AS_DICT -> badMsgAsDict = readAny();
                default -> unpacker.skipValue();
            }
        }
        return new ErrorMsg(required(srcUid, Field.SRC_UID),
                required(srcTypeStr, Field.SRC_TYPE_STR),
                required(boxedTypeStr, Field.BOXED_TYPE_STR),
                required(relayPath, Field.RELAY_PATH), message, tbStr, canceller, sender, cid,
                badMsg, badMsgAsDict);
    }

    private Msg readCredit(int entries) throws IOException {
        Long credits = null;
        for (int i = 0; i < entries; i++) {
            switch (readKey(Field.CREDIT)) {
                case CID -> cid = readCid();
                case CREDITS -> {
                    credits = readLongOrNil(Field.CREDITS);
                    if (credits == null || credits < 0) {
                        throw malformed("field 'credits': expected int >= 0, found " + credits,
                                null);
                    }
                }
                default -> unpacker.skipValue();
            }
        }
        return new Credit(required(cid, Field.CID), required(credits, Field.CREDITS));
    }

    private <T> T required(T value, Field f) {
        if (value == null) {
            throw missing(f);
        }
        return value;
    }

    private MalformedMessageException missing(Field f) {
        return malformed("missing required field '" + f.wire + "'", null);
    }

    private ValueType nextType() throws IOException {
        return unpacker.getNextFormat().getValueType();
    }

    private String readStr(Field f) throws IOException {
        if (nextType() != ValueType.STRING) {
            throw wrongType(f, "str");
        }
        return unpacker.unpackString();
    }

    /**
     * Reads a context id, returning the same {@code String} as for the last time these bytes
     * were read when they are among the {@value #RECENT_CIDS} most recent ids: a connection
     * receives the same few ids over and over, one per message of a stream.
     */
    private String readCid() throws IOException {
        if (nextType() != ValueType.STRING) {
            throw wrongType(Field.CID, "str");
        }
        int n = unpacker.unpackRawStringHeader();
        if (n > SCRATCH_BYTES) {
            Values.checkAvailable(unpacker, bodyLen, n);
            return new String(unpacker.readPayload(n), StandardCharsets.UTF_8);
        }
        unpacker.readPayload(scratch, 0, n);
        for (int i = 0; i < RECENT_CIDS; i++) {
            byte[] known = recentCidBytes[i];
            if (known != null && Arrays.equals(known, 0, known.length, scratch, 0, n)) {
                return recentCids[i];
            }
        }
        // Decoded as msgpack-core's unpackString decodes, malformed bytes replaced.
        var id = new String(scratch, 0, n, StandardCharsets.UTF_8);
        int slot = nextRecentCid;
        recentCidBytes[slot] = Arrays.copyOf(scratch, n);
        recentCids[slot] = id;
        nextRecentCid = (slot + 1) % RECENT_CIDS;
        return id;
    }

    private String readStrOrNil(Field f) throws IOException {
        return unpacker.tryUnpackNil() ? null : readStr(f);
    }

    private boolean readBool(Field f) throws IOException {
        if (nextType() != ValueType.BOOLEAN) {
            throw wrongType(f, "bool");
        }
        return unpacker.unpackBoolean();
    }

    private Boolean readBoolOrNil(Field f) throws IOException {
        return unpacker.tryUnpackNil() ? null : readBool(f);
    }

    private Long readLongOrNil(Field f) throws IOException {
        if (unpacker.tryUnpackNil()) {
            return null;
        }
        MessageFormat format = unpacker.getNextFormat();
        if (format.getValueType() != ValueType.INTEGER) {
            throw wrongType(f, "int");
        }
        if (format == MessageFormat.UINT64) {
            var n = unpacker.unpackBigInteger();
            if (n.bitLength() >= Long.SIZE) {
                throw malformed("field '" + f.wire + "': expected int in the signed 64-bit "
                        + "range, found " + n, null);
            }
            return n.longValue();
        }
        return unpacker.unpackLong();
    }

    private ActorId readActorId(Field f) throws IOException {
        if (nextType() != ValueType.ARRAY) {
            throw wrongType(f, "[name, uuid] array");
        }
        int n = unpacker.unpackArrayHeader();
        if (n != 2) {
            throw malformed("field '" + f.wire + "': expected [name, uuid] array of 2, found "
                    + "array of " + n, null);
        }
        return new ActorId(readStr(f), readStr(f));
    }

    private ActorId readActorIdOrNil(Field f) throws IOException {
        return unpacker.tryUnpackNil() ? null : readActorId(f);
    }

    private List<ActorId> readRelayPath() throws IOException {
        if (nextType() != ValueType.ARRAY) {
            throw wrongType(Field.RELAY_PATH, "array of [name, uuid]");
        }
        int n = unpacker.unpackArrayHeader();
        var hops = new ArrayList<ActorId>(Math.min(n, bodyLen));
        for (int i = 0; i < n; i++) {
            hops.add(readActorId(Field.RELAY_PATH));
        }
        return hops;
    }

    private Map<String, RawValue> readKwargs() throws IOException {
        if (nextType() != ValueType.MAP) {
            throw wrongType(Field.KWARGS, "map");
        }
        int n = unpacker.unpackMapHeader();
        var kwargs = LinkedHashMap.<String, RawValue>newLinkedHashMap(Math.min(n, bodyLen));
        for (int i = 0; i < n; i++) {
            kwargs.put(readStr(Field.KWARGS), readRaw());
        }
        return kwargs;
    }

    private Map<String, Object> readStrMapOrNil(Field f) throws IOException {
        if (unpacker.tryUnpackNil()) {
            return null;
        }
        if (nextType() != ValueType.MAP) {
            throw wrongType(f, "map");
        }
        int n = unpacker.unpackMapHeader();
        var map = LinkedHashMap.<String, Object>newLinkedHashMap(Math.min(n, bodyLen));
        for (int i = 0; i < n; i++) {
            map.put(readStr(f), Values.read(unpacker, bodyLen, 1));
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private List<Object> readListOrNil(Field f) throws IOException {
        if (unpacker.tryUnpackNil()) {
            return null;
        }
        if (nextType() != ValueType.ARRAY) {
            throw wrongType(f, "array");
        }
        return (List<Object>) Values.read(unpacker, bodyLen, 0);
    }

    private Object readAny() throws IOException {
        return Values.read(unpacker, bodyLen, 0);
    }

    /** Slices the next value's bytes out of the body, without decoding it. */
    private RawValue readRaw() throws IOException {
        int start = (int) unpacker.getTotalReadBytes();
        unpacker.skipValue();
        int end = (int) unpacker.getTotalReadBytes();
        return RawValue.wrap(Arrays.copyOfRange(body, bodyOff + start, bodyOff + end));
    }

    private MalformedMessageException wrongType(Field f, String expected) {
        return malformed("field '" + f.wire + "': expected " + expected + ", found " + found(),
                null);
    }

    /** Describes the next value for an error message, e.g. {@code int 5} or {@code map}. */
    private String found() {
        try {
            MessageFormat format = unpacker.getNextFormat();
            String type = switch (format.getValueType()) {
                case NIL -> "nil";
                case BOOLEAN -> "bool";
                case INTEGER -> "int";
                case FLOAT -> "float";
                case STRING -> "str";
                case BINARY -> "bin";
                case ARRAY -> "array";
                case MAP -> "map";
                case EXTENSION -> "ext";
            };
            Object value = Values.read(unpacker, bodyLen, 0);
            return type + " " + Values.describe(value, 60);
        } catch (MessagePackException | IOException e) {
            return "invalid msgpack (" + describe(e) + ")";
        }
    }

    private static String describe(Exception e) {
        if (e instanceof MessageInsufficientBufferException) {
            return "the body ends inside a value";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private MalformedMessageException malformed(String detail, Throwable cause) {
        String what = kind == null ? "malformed message" : "malformed " + kind.wire;
        String context = cid == null ? "" : " cid=" + cid;
        return new MalformedMessageException(what + context + ": " + detail,
                Arrays.copyOfRange(body, bodyOff, bodyOff + bodyLen),
                kind == null ? null : kind.wire, cid, cause);
    }

    /** The message kinds, by wire name. */
    private enum Kind {
        AID("Aid"),
        SPAWN_SPEC("SpawnSpec"),
        START("Start"),
        START_ACK("StartAck"),
        STARTED("Started"),
        YIELD("Yield"),
        STOP("Stop"),
        RETURN("Return"),
        CANCEL_ACK("CancelAck"),
        ERROR("Error"),
        CREDIT("Credit");

        static final Kind[] VALUES = values();
        static final List<String> NAMES = Arrays.stream(VALUES).map(k -> k.wire).toList();

        final String wire;
        final byte[] utf8;
        /** The name as a msgpack fixstr. */
        final byte[] encoded;

        Kind(String wire) {
            this.wire = wire;
            this.utf8 = wire.getBytes(StandardCharsets.UTF_8);
            this.encoded = fixstr(utf8);
        }

        boolean matches(byte[] bytes, int len) {
            return len == utf8.length && Arrays.equals(utf8, 0, len, bytes, 0, len);
        }
    }

    /** Every key of every kind, by wire name. */
    private enum Field {
        MSG_TYPE("msg_type"),
        NAME("name"),
        UUID("uuid"),
        PID("pid"),
        IS_REGISTRAR("is_registrar"),
        IS_PROBE("is_probe"),
        JTRACTOR_EXT(Aid.EXTENSIONS_KEY),
        PARENT_MAIN_DATA("_parent_main_data"),
        RUNTIME_VARS("_runtime_vars"),
        ENABLE_MODULES("enable_modules"),
        REG_ADDRS("reg_addrs"),
        BIND_ADDRS("bind_addrs"),
        CID("cid"),
        NS("ns"),
        FUNC("func"),
        KWARGS("kwargs"),
        UID("uid"),
        PLD_SPEC("pld_spec"),
        FUNCTYPE("functype"),
        PLD("pld"),
        SRC_UID("src_uid"),
        SRC_TYPE_STR("src_type_str"),
        BOXED_TYPE_STR("boxed_type_str"),
        RELAY_PATH("relay_path"),
        MESSAGE("message"),
        TB_STR("tb_str"),
        CANCELLER("canceller"),
        SENDER("sender"),
        BAD_MSG("_bad_msg"),
        BAD_MSG_AS_DICT("_bad_msg_as_dict"),
        CREDITS("credits"),
        /**
         * A key of none of a kind's fields, to be skipped; in no kind's list. A constant rather
         * than null keeps the switches over keys plain enum switches, which need no bootstrap
         * at run time (a child's first messages are decoded while it boots).
         */
        OTHER("");

        static final Field[] ENVELOPE = {MSG_TYPE};
        static final Field[] AID = {NAME, UUID, PID, IS_REGISTRAR, IS_PROBE, JTRACTOR_EXT};
        static final Field[] SPAWN_SPEC =
                {PARENT_MAIN_DATA, RUNTIME_VARS, ENABLE_MODULES, REG_ADDRS, BIND_ADDRS};
        static final Field[] START = {CID, NS, FUNC, KWARGS, UID, PLD_SPEC};
        static final Field[] START_ACK = {CID, FUNCTYPE};
        static final Field[] PAYLOAD_MSG = {CID, PLD};
        static final Field[] STOP = {CID};
        static final Field[] ERROR = {SRC_UID, SRC_TYPE_STR, BOXED_TYPE_STR, RELAY_PATH, MESSAGE,
            TB_STR, CANCELLER, SENDER, CID, BAD_MSG, BAD_MSG_AS_DICT};
        static final Field[] CREDIT = {CID, CREDITS};

        final String wire;
        final byte[] utf8;
        /** The key as a msgpack fixstr. */
        final byte[] encoded;

        Field(String wire) {
            this.wire = wire;
            this.utf8 = wire.getBytes(StandardCharsets.UTF_8);
            this.encoded = fixstr(utf8);
        }

        boolean matches(byte[] bytes, int len) {
            return len == utf8.length && Arrays.equals(utf8, 0, len, bytes, 0, len);
        }
    }

    private static byte[] fixstr(byte[] utf8) {
        var out = new byte[utf8.length + 1];
        out[0] = (byte) (0xa0 | utf8.length);
        System.arraycopy(utf8, 0, out, 1, utf8.length);
        return out;
    }
}
