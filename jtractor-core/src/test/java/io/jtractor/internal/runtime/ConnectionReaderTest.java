package io.jtractor.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.ActorId;
import io.jtractor.ActorNursery;
import io.jtractor.internal.ipc.TransportClosedException;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.Payloads;
import io.jtractor.sc.EndOfChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connection's reader (see {@link Connection}): it hands consecutive {@code Yield}s over in
 * batches, in order, without ever buffering more than the receiver's window. The transport here
 * replays a script of frames, all of them already "buffered", as a burst from the peer is.
 */
@Timeout(30)
class ConnectionReaderTest {

    private ActorNursery root;
    private ScriptedTransport transport;
    private Connection conn;

    @BeforeEach
    void openConnection() {
        root = ActorNursery.open();
        transport = new ScriptedTransport();
        var peer = ActorId.random("fake-peer");
        conn = Connection.open(ActorRuntime.current(), transport, new Msg.Aid(peer.name(),
                peer.uuid(), 1L, false, false, Map.of(Connection.EXT_CREDITS, true)));
    }

    @AfterEach
    void closeConnection() {
        conn.close();
        root.close();
    }

    @Test
    void aBurstOfYieldsBetweenOtherFramesArrivesWholeAndInOrder() throws Exception {
        var ctx = conn.start("mod", "numbers", Map.of(), ContextImpl.Role.STREAM_FROM,
                EndpointKind.STREAMING, Integer.class, 64);
        var cid = ctx.contextId();
        for (int i = 0; i < 50; i++) {
            transport.script(new Msg.Yield(cid, Payloads.encode(i)));
        }
        transport.script(new Msg.Stop(cid));
        transport.holdOpenAfterScript();

        var reader = Thread.ofVirtual().start(conn::readLoop);
        var received = new ArrayList<Integer>();
        assertThatThrownBy(() -> {
            while (true) {
                received.add(Payloads.decode(ctx.streamReceive(), Integer.class));
            }
        }).isInstanceOf(EndOfChannel.class);

        assertThat(received).containsExactlyElementsOf(range(50));
        assertThat(ctx.maxBufferedMessages()).isLessThanOrEqualTo(50);
        var credits = transport.awaitWritten(m -> m instanceof Msg.Credit c && c.credits() < 64);
        assertThat(credits).extracting(m -> ((Msg.Credit) m).credits())
                .allSatisfy(n -> assertThat(n).isPositive());
        assertThat(credits.stream().mapToLong(m -> ((Msg.Credit) m).credits()).sum())
                .as("re-granted, never more than consumed").isLessThanOrEqualTo(50);
        conn.close();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(reader.isAlive()).isFalse();
    }

    private static List<Integer> range(int n) {
        var list = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    @Test
    void aBurstBeyondTheWindowIsCutAtTheWindowAndTheOverrunReportedOnce() throws Exception {
        var ctx = conn.start("mod", "numbers", Map.of(), ContextImpl.Role.STREAM_FROM,
                EndpointKind.STREAMING, Integer.class, 4);
        var cid = ctx.contextId();
        for (int i = 0; i < 40; i++) {
            transport.script(new Msg.Yield(cid, Payloads.encode(i)));
        }
        transport.holdOpenAfterScript();

        var reader = Thread.ofVirtual().start(conn::readLoop);
        var overrun = transport.awaitWritten(m -> m instanceof Msg.ErrorMsg);

        assertThat(overrun).hasSize(1);
        assertThat(((Msg.ErrorMsg) overrun.getFirst()).cid()).isEqualTo(cid);
        assertThat(ctx.maxBufferedMessages()).isEqualTo(4);
        assertThat(ctx.reportedOverrun()).isTrue();
        conn.close();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(reader.isAlive()).isFalse();
    }

    /**
     * A transport that replays scripted frames, all counted as buffered, then either reports
     * the end of the stream or blocks until closed; it records what is written.
     */
    private static final class ScriptedTransport extends FakeTransport {

        private final ArrayDeque<Msg> script = new ArrayDeque<>();
        private final List<Msg> written = new ArrayList<>();
        private boolean holdOpen;

        synchronized void script(Msg msg) {
            script.addLast(msg);
        }

        synchronized void holdOpenAfterScript() {
            holdOpen = true;
        }

        /** Waits, at most 10 s, until something matching was written; returns the matches. */
        synchronized List<Msg> awaitWritten(java.util.function.Predicate<Msg> matching)
                throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (written.stream().noneMatch(matching)) {
                long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMillis <= 0) {
                    break;
                }
                wait(leftMillis);
            }
            return written.stream().filter(matching).toList();
        }

        @Override
        public void send(Msg msg) {
            write(msg);
        }

        @Override
        public synchronized void write(Msg msg) {
            written.add(msg);
            notifyAll();
        }

        @Override
        public void flush() {
        }

        @Override
        public synchronized Msg receive() {
            try {
                while (script.isEmpty() && holdOpen && !closed) {
                    wait();
                }
            } catch (InterruptedException e) {
                closed = true;
            }
            if (closed) {
                throw new TransportClosedException("closed");
            }
            return script.pollFirst();
        }

        @Override
        public synchronized boolean hasBufferedMessage() {
            return !script.isEmpty();
        }
    }
}
