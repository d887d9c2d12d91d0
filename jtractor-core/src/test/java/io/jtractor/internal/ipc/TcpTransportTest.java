package io.jtractor.internal.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.internal.msg.MalformedMessageException;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.Msg.Return;
import io.jtractor.internal.msg.Msg.SpawnSpec;
import io.jtractor.internal.msg.Msg.Stop;
import io.jtractor.internal.msg.Msg.Yield;
import io.jtractor.internal.msg.MsgCodec;
import io.jtractor.internal.msg.Values;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TcpTransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String CID = "cccccccc-0000-4000-8000-000000000001";

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (var r : resources.reversed()) {
            r.close();
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    private TcpListener listen(int maxFrameBytes) {
        return track(TcpListener.bind(new TcpAddr("127.0.0.1", 0), maxFrameBytes));
    }

    private TcpTransport connect(TcpListener listener) {
        return track(TcpTransport.connect(listener.addr(), TIMEOUT));
    }

    private TcpTransport accept(TcpListener listener) {
        return track(listener.accept());
    }

    /** A plain socket to {@code listener}, for writing bytes no transport would send. */
    private Socket rawPeer(TcpListener listener) throws IOException {
        return track(new Socket(listener.addr().host(), listener.addr().port()));
    }

    private static void writeFrame(OutputStream out, Msg msg) throws IOException {
        new MsgCodec().encodeFrame(msg, out);
    }

    @Test
    void messagesTravelBothWays() {
        var listener = listen(FrameReader.DEFAULT_MAX_FRAME_BYTES);
        var client = connect(listener);
        var server = accept(listener);
        var yield = new Yield(CID, Values.toRaw("ping"));
        var result = new Return(CID, Values.toRaw(3L));

        client.send(yield);
        server.send(result);

        assertThat(server.receive()).isEqualTo(yield);
        assertThat(client.receive()).isEqualTo(result);
        assertThat(client.remoteAddr()).isEqualTo(listener.addr());
        assertThat(server.localAddr()).isEqualTo(listener.addr());
        assertThat(server.remoteAddr()).isEqualTo(client.localAddr());
        assertThat(client.toString()).startsWith("TcpTransport[127.0.0.1:").endsWith(", open]");
    }

    @Test
    void peerClosingBetweenFramesEndsReceiveWithNull() {
        var listener = listen(FrameReader.DEFAULT_MAX_FRAME_BYTES);
        var client = connect(listener);
        var server = accept(listener);

        client.send(new Stop(CID));
        client.close();

        assertThat(server.receive()).isEqualTo(new Stop(CID));
        assertThat(server.receive()).isNull();
    }

    @Test
    void frameOverTheLimitClosesTheTransport() throws IOException {
        var listener = listen(1024);
        var raw = rawPeer(listener);
        var server = accept(listener);

        raw.getOutputStream().write(new byte[] {0, 8, 0, 0});

        assertThatThrownBy(server::receive)
                .isInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining("2048 bytes, over the limit of 1024 bytes");
        assertThat(server.isOpen()).isFalse();
        assertThatThrownBy(server::receive)
                .isInstanceOf(TransportClosedException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void streamEndingInsideAFrameIsATruncatedFrame() throws IOException {
        var listener = listen(FrameReader.DEFAULT_MAX_FRAME_BYTES);
        var raw = rawPeer(listener);
        var server = accept(listener);

        raw.getOutputStream().write(new byte[] {10, 0, 0, 0, 1, 2, 3});
        raw.shutdownOutput();

        assertThatThrownBy(server::receive)
                .isInstanceOf(TruncatedFrameException.class)
                .hasMessageContaining("3 of 10 body bytes");
        assertThat(server.isOpen()).isFalse();
    }

    @Test
    void malformedBodyIsRejectedAndTheNextFrameStillArrives() throws IOException {
        var listener = listen(FrameReader.DEFAULT_MAX_FRAME_BYTES);
        var raw = rawPeer(listener);
        var server = accept(listener);

        var out = raw.getOutputStream();
        out.write(new byte[] {3, 0, 0, 0, (byte) 0xc1, 0x00, 0x00});
        writeFrame(out, new Stop(CID));

        assertThatThrownBy(server::receive).isInstanceOf(MalformedMessageException.class);
        assertThat(server.receive()).isEqualTo(new Stop(CID));
        assertThat(server.isOpen()).isTrue();
    }

    @Test
    void closeWakesABlockedReceive() throws Exception {
        var listener = listen(FrameReader.DEFAULT_MAX_FRAME_BYTES);
        connect(listener);
        var server = accept(listener);
        var outcome = new CompletableFuture<Throwable>();

        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                outcome.complete(new AssertionError("received " + server.receive()));
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        Threads.awaitParked(reader, TIMEOUT);
        server.close();

        assertThat(outcome.get(10, TimeUnit.SECONDS))
                .isInstanceOf(TransportClosedException.class)
                .hasMessageContaining("closed while waiting");
        server.close();
    }

    @Test
    void concurrentSendersNeverInterleaveFrames() throws Exception {
        int senders = 8;
        int perSender = 1000;
        var listener = listen(FrameReader.DEFAULT_MAX_FRAME_BYTES);
        var client = connect(listener);
        var server = accept(listener);

        var sent = new ArrayList<Future<?>>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int s = 0; s < senders; s++) {
                String cid = "sender-" + s;
                sent.add(pool.submit(() -> {
                    for (long i = 0; i < perSender; i++) {
                        var pld = List.of(i, "x".repeat((int) (i % 300)));
                        client.send(new Yield(cid, Values.toRaw(pld)));
                    }
                }));
            }
            var next = new HashMap<String, Long>();
            for (int n = 0; n < senders * perSender; n++) {
                var msg = (Yield) server.receive();
                var pld = (List<?>) Values.fromRaw(msg.pld());
                long expected = next.getOrDefault(msg.cid(), 0L);
                assertThat(pld.get(0)).as("sequence of %s", msg.cid()).isEqualTo(expected);
                assertThat(pld.get(1)).isEqualTo("x".repeat((int) (expected % 300)));
                next.put(msg.cid(), expected + 1);
            }
            assertThat(next).hasSize(senders).allSatisfy((cid, count) ->
                    assertThat(count).isEqualTo(perSender));
        }
        for (var f : sent) {
            f.get();
        }
    }

    @Test
    void sendAfterCloseFailsAndCloseIsIdempotent() {
        var listener = listen(FrameReader.DEFAULT_MAX_FRAME_BYTES);
        var client = connect(listener);

        client.close();
        client.close();

        assertThat(client.isOpen()).isFalse();
        assertThatThrownBy(() -> client.send(new Stop(CID)))
                .isInstanceOf(TransportClosedException.class)
                .hasMessageContaining("cannot send Stop cid=" + CID)
                .hasMessageContaining("is closed");
    }

    @Test
    void unencodableOrOversizeMessageLeavesTheTransportUsable() {
        var listener = listen(100);
        var client = track(TcpTransport.connect(listener.addr(), TIMEOUT, 100));
        var server = accept(listener);

        assertThatThrownBy(() -> client.send(new SpawnSpec(new Object(), Map.of(), Map.of(),
                List.of(), null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.send(new Yield(CID, Values.toRaw(new byte[200]))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("over the frame limit of 100 bytes");
        client.send(new Stop(CID));

        assertThat(server.receive()).isEqualTo(new Stop(CID));
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void pendingInterruptIsKeptAndDoesNotCloseTheConnection() throws Exception {
        var listener = listen(FrameReader.DEFAULT_MAX_FRAME_BYTES);
        var client = connect(listener);
        var server = accept(listener);
        var stillInterrupted = new CompletableFuture<Boolean>();

        Thread.ofVirtual().start(() -> {
            Thread.currentThread().interrupt();
            client.send(new Stop(CID));
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });

        assertThat(stillInterrupted.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(server.receive()).isEqualTo(new Stop(CID));
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void connectingToAClosedPortIsRefused() {
        var listener = TcpListener.bind(new TcpAddr("127.0.0.1", 0));
        var addr = listener.addr();
        listener.close();

        assertThatThrownBy(() -> TcpTransport.connect(addr, TIMEOUT))
                .isInstanceOf(TransportClosedException.class)
                .hasMessageContaining("cannot connect to " + addr)
                .hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void closingTheListenerWakesABlockedAccept() throws Exception {
        var listener = listen(FrameReader.DEFAULT_MAX_FRAME_BYTES);
        var outcome = new CompletableFuture<Throwable>();

        Thread acceptor = Thread.ofVirtual().start(() -> {
            try {
                outcome.complete(new AssertionError("accepted " + listener.accept()));
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        Threads.awaitParked(acceptor, TIMEOUT);
        listener.close();

        assertThat(outcome.get(10, TimeUnit.SECONDS))
                .isInstanceOf(TransportClosedException.class)
                .hasMessageContaining("is closed");
        assertThat(listener.isOpen()).isFalse();
    }
}
