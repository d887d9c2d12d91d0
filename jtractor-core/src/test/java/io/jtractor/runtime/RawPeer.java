package io.jtractor.runtime;

import io.jtractor.internal.ipc.FrameReader;
import io.jtractor.ActorId;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.MsgCodec;
import io.jtractor.internal.msg.Payloads;
import io.jtractor.internal.msg.RawValue;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A peer that speaks the wire protocol by hand over a plain socket, so that tests can send an
 * actor what no well-behaved runtime would (SPEC W5). It announces no jtractor extension, so the
 * actor sends it stream messages without flow-control credits. Reads are bounded: a read that
 * waits longer than the read timeout fails the test instead of hanging it.
 */
final class RawPeer implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final Socket socket;
    private final OutputStream out;
    private final FrameReader frames;
    private final MsgCodec codec = new MsgCodec();
    private final ActorId id = ActorId.random("raw-peer");

    private RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.frames = new FrameReader(new BufferedInputStream(socket.getInputStream()));
    }

    /** Connects to an actor's listener and reads its Aid; sends nothing yet. */
    static RawPeer connect(int port) throws IOException {
        var socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        var peer = new RawPeer(socket);
        var first = peer.receive();
        if (!(first instanceof Msg.Aid)) {
            socket.close();
            throw new IOException("the actor's first frame was " + first + ", not its Aid");
        }
        return peer;
    }

    /** Connects and completes the handshake with this peer's own Aid. */
    static RawPeer connectAndGreet(int port) throws IOException {
        var peer = connect(port);
        peer.send(new Msg.Aid(peer.id.name(), peer.id.uuid(), ProcessHandle.current().pid(),
                false, false));
        return peer;
    }

    ActorId id() {
        return id;
    }

    /** Sends one message as one frame. */
    void send(Msg msg) throws IOException {
        sendBody(codec.encode(msg));
    }

    /** Sends {@code body} as one frame, whatever it holds. */
    void sendBody(byte[] body) throws IOException {
        out.write(prefix(body.length));
        out.write(body);
        out.flush();
    }

    /** Sends raw bytes, e.g. a length prefix with less body than it announces. */
    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    static byte[] prefix(long length) {
        return new byte[] {(byte) length, (byte) (length >>> 8), (byte) (length >>> 16),
            (byte) (length >>> 24)};
    }

    /** A Start from this peer. */
    Msg.Start start(String cid, String ns, String func, Map<String, ?> kwargs) {
        var encoded = new LinkedHashMap<String, RawValue>();
        kwargs.forEach((k, v) -> encoded.put(k, Payloads.encode(v)));
        return new Msg.Start(cid, ns, func, encoded, id);
    }

    static String newCid() {
        return UUID.randomUUID().toString();
    }

    /**
     * Receives the next message; null when the actor closed the connection.
     *
     * @throws SocketTimeoutException if nothing arrives within the read timeout
     */
    Msg receive() throws IOException {
        int length = frames.readFrame();
        return length < 0 ? null : codec.decode(frames.buffer(), 0, length);
    }

    /** Receives until a message for {@code cid} arrives; returns it, or null at end of stream. */
    Msg receiveFor(String cid) throws IOException {
        while (true) {
            var msg = receive();
            if (msg == null || cid.equals(msg.cid())) {
                return msg;
            }
        }
    }

    /** Sends self:ping and returns whether the actor answered it: the connection still works. */
    boolean ping() throws IOException {
        var cid = newCid();
        send(start(cid, "self", "ping", Map.of()));
        var ack = receiveFor(cid);
        var ret = receiveFor(cid);
        return ack instanceof Msg.StartAck && ret instanceof Msg.Return;
    }

    /** Half-closes: no more frames from this side, but the actor's can still be read. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
