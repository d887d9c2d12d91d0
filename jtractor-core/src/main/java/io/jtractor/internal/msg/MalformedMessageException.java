package io.jtractor.internal.msg;

import java.util.HexFormat;

/**
 * Thrown when bytes received as a message (or as one msgpack value) cannot be decoded: not
 * msgpack, not a map, an unknown or missing {@code msg_type}, a missing required field, or a
 * field of the wrong type.
 *
 * <p>The exception carries the offending bytes, and the message kind and context id when they
 * were read before the fault was found, so that a receiver can answer with an {@code Error}
 * for that context. A frame that fails to decode never affects the frames after it.
 */
public final class MalformedMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int HEX_PREVIEW_BYTES = 64;

    private final byte[] body;
    private final String msgType;
    private final String cid;

    /**
     * Creates an exception for {@code body}.
     *
     * @param detail what was expected and what was found
     * @param body the bytes that failed to decode (copied)
     * @param msgType the message kind if it was read, else null
     * @param cid the context id if it was read, else null
     * @param cause the decoder's exception, or null
     */
    public MalformedMessageException(
            String detail, byte[] body, String msgType, String cid, Throwable cause) {
        super(detail + describe(body), cause);
        this.body = body.clone();
        this.msgType = msgType;
        this.cid = cid;
    }

    /** Returns a copy of the bytes that failed to decode. */
    public byte[] body() {
        return body.clone();
    }

    /** Returns the wire name of the message kind, or null if it was not read. */
    public String msgType() {
        return msgType;
    }

    /** Returns the context id, or null if the message has none or it was not read. */
    public String cid() {
        return cid;
    }

    private static String describe(byte[] body) {
        int shown = Math.min(body.length, HEX_PREVIEW_BYTES);
        return " (body " + body.length + " bytes: " + HexFormat.of().formatHex(body, 0, shown)
                + (shown < body.length ? "...)" : ")");
    }
}
