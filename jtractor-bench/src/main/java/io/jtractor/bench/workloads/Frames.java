package io.jtractor.bench.workloads;

import io.jtractor.ActorId;
import io.jtractor.bench.raw.RawFrames;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.MsgCodec;
import io.jtractor.internal.msg.Payloads;
import io.jtractor.internal.msg.RawValue;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * The frames jtractor sends for each workload, built once with its own codec, for the raw
 * baseline to send over a plain socket: the same bytes, so that a ratio against the raw figure
 * is the runtime's own cost.
 */
final class Frames {

    private Frames() {
    }

    /** One or more messages as whole frames, back to back. */
    static byte[] of(Msg... messages) {
        var codec = new MsgCodec();
        var frames = new ByteArrayOutputStream();
        for (var message : messages) {
            frames.writeBytes(RawFrames.frame(codec.encode(message)));
        }
        return frames.toByteArray();
    }

    /**
     * What {@code portal.run(BenchEndpoints::increment, 1)} sends: a {@code Start} for
     * {@code increment} with {@code n = 1}.
     */
    static byte[] incrementCall(ActorId caller, String cid) {
        Map<String, RawValue> kwargs = Map.of("n", Payloads.encode(1));
        return of(new Msg.Start(cid, BenchEndpoints.class.getName(), "increment", kwargs,
                caller));
    }

    /** What the callee answers to {@link #incrementCall}: {@code StartAck}, then {@code Return}. */
    static byte[] incrementAnswer(String cid) {
        return of(new Msg.StartAck(cid, Msg.StartAck.ASYNCFUNC),
                new Msg.Return(cid, Payloads.encode(2)));
    }

    /** One stream message: a {@code Yield} carrying {@code payload}. */
    static byte[] yield(String cid, byte[] payload) {
        return of(new Msg.Yield(cid, Payloads.encode(payload)));
    }
}
