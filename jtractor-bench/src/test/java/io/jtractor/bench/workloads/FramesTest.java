package io.jtractor.bench.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtractor.ActorId;
import io.jtractor.bench.raw.RawFrames;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.MsgCodec;
import io.jtractor.internal.msg.Payloads;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramesTest {

    private static final String CID = "0b8c3f5e-54d1-4a39-8f2e-2f0a4b6c9d11";

    /** Splits frames back into messages with the minimal reader and jtractor's codec. */
    private static List<Msg> decode(byte[] frames) throws IOException {
        var reader = new RawFrames.Reader(new ByteArrayInputStream(frames));
        var codec = new MsgCodec();
        var messages = new ArrayList<Msg>();
        int length;
        while ((length = reader.next()) >= 0) {
            messages.add(codec.decode(reader.body(), 0, length));
        }
        return messages;
    }

    @Test
    void yieldFrameIsALittleEndianLengthThenTheCodecsBody() throws IOException {
        var frame = Frames.yield(CID, new byte[8]);

        int length = (frame[0] & 0xff) | (frame[1] & 0xff) << 8 | (frame[2] & 0xff) << 16
                | (frame[3] & 0xff) << 24;
        assertThat(length).isEqualTo(frame.length - 4);
        assertThat(decode(frame)).containsExactly(
                new Msg.Yield(CID, Payloads.encode(new byte[8])));
    }

    @Test
    void incrementCallAndAnswerAreTheMessagesOfPortalRun() throws IOException {
        var caller = new ActorId("root", "4d7c1e9a-0c55-4e61-a0f6-3c1a1c0d2b77");

        var call = decode(Frames.incrementCall(caller, CID));
        var answer = decode(Frames.incrementAnswer(CID));

        assertThat(call).singleElement().isInstanceOfSatisfying(Msg.Start.class, start -> {
            assertThat(start.ns()).isEqualTo(BenchEndpoints.class.getName());
            assertThat(start.func()).isEqualTo("increment");
            assertThat(start.kwargs()).containsEntry("n", Payloads.encode(1));
            assertThat(start.uid()).isEqualTo(caller);
        });
        assertThat(answer).containsExactly(new Msg.StartAck(CID, Msg.StartAck.ASYNCFUNC),
                new Msg.Return(CID, Payloads.encode(2)));
    }

    @Test
    void readerReportsTheEndBetweenFramesAndGrowsForLargeOnes() throws IOException {
        var big = new byte[20_000];
        big[19_999] = 7;
        var stream = new java.io.ByteArrayOutputStream();
        stream.writeBytes(RawFrames.frame(big));
        stream.writeBytes(RawFrames.longFrame(-2));
        var reader = new RawFrames.Reader(new ByteArrayInputStream(stream.toByteArray()));

        assertThat(reader.next()).isEqualTo(20_000);
        assertThat(reader.body()[19_999]).isEqualTo((byte) 7);
        assertThat(reader.next()).isEqualTo(8);
        assertThat(RawFrames.getLongLe(reader.body(), 0)).isEqualTo(-2);
        assertThat(reader.next()).isEqualTo(-1);
    }
}
