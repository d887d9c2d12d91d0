package io.jtractor.internal.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.Msg.Return;
import io.jtractor.internal.msg.Msg.Stop;
import io.jtractor.internal.msg.Values;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class UdsTransportTest {

    private static final String CID = "cccccccc-0000-4000-8000-000000000001";

    @TempDir
    Path dir;

    @Test
    void messagesTravelBothWaysWhileAReceiveIsBlocked() throws Exception {
        var addr = new UdsAddr(dir.toString(), "actor.sock");
        try (var listener = UdsListener.bind(addr);
                var client = UdsTransport.connect(addr);
                var server = listener.accept()) {
            var received = new CompletableFuture<Msg>();
            Thread reader = Thread.ofVirtual().start(() -> received.complete(client.receive()));
            Threads.awaitParked(reader, Duration.ofSeconds(10));

            client.send(new Stop(CID));
            assertThat(server.receive()).isEqualTo(new Stop(CID));
            server.send(new Return(CID, Values.toRaw("done")));

            assertThat(received.get(10, TimeUnit.SECONDS))
                    .isEqualTo(new Return(CID, Values.toRaw("done")));
            assertThat(client.remoteAddr()).isEqualTo(addr);
            assertThat(server.localAddr()).isEqualTo(addr);
        }
        assertThat(Files.exists(addr.path())).isFalse();
    }

    @Test
    void closeWakesABlockedReceive() throws Exception {
        var addr = new UdsAddr(dir.toString(), "actor.sock");
        try (var listener = UdsListener.bind(addr);
                var client = UdsTransport.connect(addr)) {
            var server = listener.accept();
            var outcome = new CompletableFuture<Throwable>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    outcome.complete(new AssertionError("received " + server.receive()));
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            Threads.awaitParked(reader, Duration.ofSeconds(10));

            server.close();

            assertThat(outcome.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(TransportClosedException.class);
            assertThat(client.receive()).isNull();
        }
    }

    @Test
    void connectingWhereNoOneListensFails() {
        var addr = new UdsAddr(dir.toString(), "nobody.sock");

        assertThatThrownBy(() -> UdsTransport.connect(addr))
                .isInstanceOf(TransportClosedException.class)
                .hasMessageContaining("cannot connect to " + addr);
    }
}
