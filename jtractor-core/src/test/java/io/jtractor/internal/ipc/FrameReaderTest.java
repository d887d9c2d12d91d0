package io.jtractor.internal.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

    private static byte[] frame(int bodyBytes, int fill) {
        var frame = new byte[4 + bodyBytes];
        frame[0] = (byte) bodyBytes;
        frame[1] = (byte) (bodyBytes >>> 8);
        frame[2] = (byte) (bodyBytes >>> 16);
        frame[3] = (byte) (bodyBytes >>> 24);
        Arrays.fill(frame, 4, frame.length, (byte) fill);
        return frame;
    }

    private static FrameReader reader(int maxFrameBytes, byte[]... frames) {
        var all = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            all.writeBytes(f);
        }
        return new FrameReader(new ByteArrayInputStream(all.toByteArray()), maxFrameBytes);
    }

    @Test
    void aBufferedInputTellsWhetherTheNextFrameIsThereWhole() throws IOException {
        var all = new ByteArrayOutputStream();
        all.writeBytes(frame(3, 7));
        all.writeBytes(frame(200, 1));
        all.writeBytes(Arrays.copyOf(frame(5, 9), 6));
        var in = new FrameInputStream(new ByteArrayInputStream(all.toByteArray()), 64);
        var reader = new FrameReader(in, 1024);

        assertThat(in.hasBufferedFrame()).as("nothing read yet").isFalse();
        assertThat(reader.readFrame()).isEqualTo(3);
        assertThat(in.hasBufferedFrame()).as("only part of a 200-byte body buffered").isFalse();
        assertThat(reader.readFrame()).isEqualTo(200);
        assertThat(in.hasBufferedFrame()).as("a prefix and 2 of 5 body bytes").isFalse();
        in.close();
        assertThat(in.hasBufferedFrame()).as("closed").isFalse();
    }

    @Test
    void aBufferedInputSeesWholeFramesAheadOfTheReader() throws IOException {
        var all = new ByteArrayOutputStream();
        all.writeBytes(frame(3, 7));
        all.writeBytes(frame(0, 0));
        all.writeBytes(frame(5, 9));
        var in = new FrameInputStream(new ByteArrayInputStream(all.toByteArray()), 64);
        var reader = new FrameReader(in, 1024);

        assertThat(reader.readFrame()).isEqualTo(3);
        assertThat(in.hasBufferedFrame()).isTrue();
        assertThat(reader.readFrame()).isZero();
        assertThat(in.hasBufferedFrame()).isTrue();
        assertThat(reader.readFrame()).isEqualTo(5);
        assertThat(in.hasBufferedFrame()).isFalse();
    }

    @Test
    void readsConsecutiveFramesThenReportsTheCleanEnd() throws IOException {
        var reader = reader(1024, frame(3, 7), frame(0, 0), frame(5, 9));

        assertThat(reader.readFrame()).isEqualTo(3);
        assertThat(Arrays.copyOf(reader.buffer(), 3)).containsExactly(7, 7, 7);
        assertThat(reader.readFrame()).isZero();
        assertThat(reader.readFrame()).isEqualTo(5);
        assertThat(Arrays.copyOf(reader.buffer(), 5)).containsOnly(9);
        assertThat(reader.readFrame()).isEqualTo(-1);
        assertThat(reader.readFrame()).isEqualTo(-1);
    }

    @Test
    void bufferGrowsForALargeFrameAndIsReusedAfterwards() throws IOException {
        var reader = reader(1 << 20, frame(10, 1), frame(100_000, 2), frame(10, 3), frame(20, 4));

        reader.readFrame();
        reader.readFrame();
        byte[] grown = reader.buffer();
        assertThat(grown.length).isGreaterThanOrEqualTo(100_000);
        reader.readFrame();
        reader.readFrame();

        assertThat(reader.buffer()).isSameAs(grown);
        assertThat(Arrays.copyOf(reader.buffer(), 20)).containsOnly(4);
    }

    @Test
    void frameAtTheLimitIsRead() throws IOException {
        assertThat(reader(64, frame(64, 1)).readFrame()).isEqualTo(64);
    }

    @Test
    void frameOverTheLimitFailsAndEndsTheReader() throws IOException {
        var reader = reader(64, frame(65, 1), frame(1, 1));

        assertThatThrownBy(reader::readFrame)
                .isInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining("announces 65 bytes, over the limit of 64 bytes")
                .satisfies(e -> {
                    var tooLarge = (FrameTooLargeException) e;
                    assertThat(tooLarge.lengthBytes()).isEqualTo(65);
                    assertThat(tooLarge.maxBytes()).isEqualTo(64);
                });
        assertThatThrownBy(reader::readFrame)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stream position lost");
    }

    @Test
    void lengthIsReadAsUnsigned() {
        byte[] prefix = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};

        assertThatThrownBy(() -> reader(FrameReader.DEFAULT_MAX_FRAME_BYTES, prefix).readFrame())
                .isInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining("4294967295 bytes, over the limit of 67108864 bytes");
    }

    @Test
    void endInsideThePrefixIsATruncatedFrame() {
        var reader = reader(64, new byte[] {5, 0});

        assertThatThrownBy(reader::readFrame)
                .isInstanceOf(TruncatedFrameException.class)
                .hasMessageContaining("2 of 4 length-prefix bytes received");
    }

    @Test
    void endInsideTheBodyIsATruncatedFrame() {
        byte[] cut = Arrays.copyOf(frame(10, 1), 4 + 6);

        assertThatThrownBy(() -> reader(64, cut).readFrame())
                .isInstanceOf(TruncatedFrameException.class)
                .hasMessageContaining("6 of 10 body bytes received")
                .satisfies(e -> {
                    var truncated = (TruncatedFrameException) e;
                    assertThat(truncated.expectedBytes()).isEqualTo(10);
                    assertThat(truncated.receivedBytes()).isEqualTo(6);
                });
    }
}
