package io.jtractor.bench.raw;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.Arrays;

/**
 * The far end of the raw baseline, in its own JVM: plain blocking socket code that sends the
 * frames a jtractor actor would send, prepared by the other side, and nothing else.
 *
 * <p>Usage: {@code RawPeer HOST PORT reply|source virtual|platform}. The peer connects, reads one
 * setup frame whose body is the bytes it is to send (one or more whole frames), then serves
 * until the other side hangs up:
 * <ul>
 * <li>{@code reply}: for every frame it reads, writes the setup bytes and flushes (a request
 *     and its answer: one round trip);
 * <li>{@code source}: every frame it reads holds a count (8 bytes, little-endian); it writes
 *     the setup bytes that many times through a 64 KiB buffer and flushes once at the end.
 * </ul>
 * The loop runs on a virtual or a platform thread, as asked. Uses the JDK only.
 */
public final class RawPeer {

    /** The stream buffer size, the same as jtractor's TCP transport. */
    public static final int BUFFER_BYTES = 64 * 1024;

    private RawPeer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: RawPeer HOST PORT reply|source virtual|platform");
            System.exit(2);
        }
        String mode = args[2];
        try (var socket = new Socket(args[0], Integer.parseInt(args[1]))) {
            socket.setTcpNoDelay(true);
            var in = new BufferedInputStream(socket.getInputStream(), BUFFER_BYTES);
            var out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES);
            Runnable loop = switch (mode) {
                case "reply" -> () -> reply(in, out);
                case "source" -> () -> source(in, out);
                default -> throw new IllegalArgumentException("mode must be reply or source,"
                        + " got " + mode);
            };
            var thread = "platform".equals(args[3])
                    ? Thread.ofPlatform().start(loop)
                    : Thread.ofVirtual().start(loop);
            thread.join();
        }
    }

    private static void reply(InputStream in, OutputStream out) {
        try {
            var reader = new RawFrames.Reader(in);
            byte[] answer = setup(reader);
            while (reader.next() >= 0) {
                out.write(answer);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void source(InputStream in, OutputStream out) {
        try {
            var reader = new RawFrames.Reader(in);
            byte[] frame = setup(reader);
            while (reader.next() >= 0) {
                long count = RawFrames.getLongLe(reader.body(), 0);
                for (long i = 0; i < count; i++) {
                    out.write(frame);
                }
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] setup(RawFrames.Reader reader) throws IOException {
        int length = reader.next();
        if (length < 0) {
            throw new IOException("the other side hung up before the setup frame");
        }
        return Arrays.copyOf(reader.body(), length);
    }
}
