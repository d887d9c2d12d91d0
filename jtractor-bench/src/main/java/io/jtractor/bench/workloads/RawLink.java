package io.jtractor.bench.workloads;

import io.jtractor.bench.raw.RawFrames;
import io.jtractor.bench.raw.RawPeer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * This side of the raw baseline: a plain loopback socket to a {@link RawPeer} in a second JVM,
 * with the same stream buffers and {@code TCP_NODELAY} as jtractor's transport. Writes prepared
 * frames and reads whole frames without decoding them. One thread at a time uses it.
 */
final class RawLink implements AutoCloseable {

    private static final Duration CONNECT_BOUND = Duration.ofSeconds(30);

    private final Process process;
    private final Socket socket;
    private final BufferedOutputStream out;
    private final RawFrames.Reader reader;

    private RawLink(Process process, Socket socket) throws IOException {
        this.process = process;
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.out = new BufferedOutputStream(socket.getOutputStream(), RawPeer.BUFFER_BYTES);
        this.reader = new RawFrames.Reader(new BufferedInputStream(socket.getInputStream(),
                RawPeer.BUFFER_BYTES));
    }

    /**
     * Starts a raw peer in {@code mode} ({@code reply} or {@code source}) on a virtual thread,
     * with {@code jvmOptions}, waits for it to connect and hands it the bytes it is to send.
     */
    static RawLink open(String mode, byte[] peerSends, List<String> jvmOptions) {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) CONNECT_BOUND.toMillis());
            var process = Jvms.start(jvmOptions, RawPeer.class, List.of(
                    server.getInetAddress().getHostAddress(),
                    Integer.toString(server.getLocalPort()), mode, "virtual"));
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                Jvms.awaitExitOrKill(process, Duration.ZERO);
                throw e;
            }
            var link = new RawLink(process, socket);
            RawFrames.write(link.out, peerSends);
            link.out.flush();
            return link;
        } catch (IOException e) {
            throw new UncheckedIOException("raw peer (" + mode + ") did not connect within "
                    + CONNECT_BOUND.toSeconds() + " s: " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Writes {@code request} (whole frames), flushes, and reads {@code answerFrames} frames. */
    void roundTrip(byte[] request, int answerFrames) throws IOException {
        out.write(request);
        out.flush();
        for (int i = 0; i < answerFrames; i++) {
            readFrame();
        }
    }

    /** Asks a {@code source} peer for {@code count} frames. */
    void requestFrames(long count) throws IOException {
        out.write(RawFrames.longFrame(count));
        out.flush();
    }

    /** Reads the next frame; returns its body length. */
    int readFrame() throws IOException {
        int length = reader.next();
        if (length < 0) {
            throw new IOException("the raw peer (pid " + process.pid() + ") hung up");
        }
        return length;
    }

    /** The body of the last frame read, valid until the next read. */
    byte[] body() {
        return reader.body();
    }

    /** Hangs up; the peer exits (killed if it has not within 5 s). */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is best effort: the peer is waited for (or killed) either way.
        }
        Jvms.awaitExitOrKill(process, Duration.ofSeconds(5));
    }
}
