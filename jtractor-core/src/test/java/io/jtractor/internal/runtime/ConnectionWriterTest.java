package io.jtractor.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.ActorNursery;
import io.jtractor.TransportClosed;
import io.jtractor.internal.ipc.TransportClosedException;
import io.jtractor.ActorId;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.Payloads;
import io.jtractor.internal.msg.RawValue;
import io.jtractor.sc.CancelScope;
import io.jtractor.sc.Cancelled;
import io.jtractor.sc.Nursery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connection's writer (see {@link Connection}): task threads only queue messages; one
 * writer thread writes them in order, in batches, and closing drains the queue. The transport
 * here is a fake whose writes block until the test opens a gate, standing for a peer that does
 * not read.
 */
@Timeout(30)
class ConnectionWriterTest {

    private static final RawValue MIB = Payloads.encode(new byte[1 << 20]);

    private ActorNursery root;
    private GatedTransport transport;
    private Connection conn;

    @BeforeEach
    void openConnection() {
        root = ActorNursery.open();
        transport = new GatedTransport();
        var peer = ActorId.random("fake-peer");
        conn = Connection.open(ActorRuntime.current(), transport, new Msg.Aid(peer.name(),
                peer.uuid(), 1L, false, false, Map.of(Connection.EXT_CREDITS, true)));
    }

    @AfterEach
    void closeConnection() {
        transport.open();
        conn.close();
        root.close();
    }

    @Test
    void tasksOnlyQueueAndTheWriterWritesInOrderFlushingOncePerBatch() throws Exception {
        conn.send(small(0));
        transport.awaitWriteEntered();
        for (int i = 1; i < 1000; i++) {
            conn.trySend(small(i));
        }

        transport.open();
        var written = transport.awaitWritten(1000);

        assertThat(written).extracting(m -> (int) Payloads.decode(((Msg.Yield) m).pld(),
                Integer.class)).containsExactlyElementsOf(range(1000));
        assertThat(transport.writerThreads()).singleElement()
                .satisfies(t -> assertThat(t.getName()).startsWith("jtractor-writer-"));
        assertThat(transport.flushes()).isLessThanOrEqualTo(2);
    }

    @Test
    void aSenderCancelledWhileTheOutboxIsFullLeavesTheConnectionOpen() throws Exception {
        conn.send(big(0));
        transport.awaitWriteEntered();

        var sent = new ArrayList<Integer>();
        var scope = CancelScope.moveOnAfter(Duration.ofMillis(300), s -> {
            for (int i = 1; i < 100; i++) {
                conn.send(big(i));
                sent.add(i);
            }
        });

        assertThat(scope.cancelledCaught()).isTrue();
        assertThat(sent).hasSizeBetween(1, 8);
        assertThat(conn.isOpen()).isTrue();
        assertThat(transport.isOpen()).isTrue();
        transport.open();
        assertThat(transport.awaitWritten(1 + sent.size())).hasSize(1 + sent.size());
        conn.send(small(-1));
        assertThat(transport.awaitWritten(2 + sent.size()).getLast())
                .isEqualTo(small(-1));
    }

    @Test
    void closingWritesWhatWasQueuedBeforeThenClosesTheTransport() throws Exception {
        conn.send(small(0));
        transport.awaitWriteEntered();
        conn.trySend(new Msg.Stop("cid"));
        conn.trySend(new Msg.Return("cid", RawValue.NIL));

        conn.beginClose();
        assertThat(conn.trySend(new Msg.Stop("late"))).isFalse();
        assertThatThrownBy(() -> conn.send(small(1))).isInstanceOf(TransportClosed.class);
        transport.open();
        conn.awaitClosed();

        assertThat(transport.awaitWritten(3)).extracting(Msg::msgType)
                .containsExactly("Yield", "Stop", "Return");
        assertThat(transport.isOpen()).isFalse();
    }

    @Test
    void aLostConnectionDropsTheQueueAndFailsAWaitingSender() throws Exception {
        conn.send(big(0));
        transport.awaitWriteEntered();
        var failure = Nursery.run(n -> {
            var waiting = new CountDownLatch(1);
            var raised = new ArrayList<Throwable>();
            n.startSoon(() -> {
                try {
                    for (int i = 1; i < 100; i++) {
                        conn.send(big(i));
                        if (i == 7) {
                            waiting.countDown();
                        }
                    }
                } catch (TransportClosed e) {
                    raised.add(e);
                }
            });
            assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
            conn.lost(new IllegalStateException("the peer vanished"));
            return raised;
        });

        assertThat(failure).singleElement().isInstanceOf(TransportClosed.class);
        assertThat(transport.isOpen()).isFalse();
        assertThat(transport.writtenSoFar()).isEmpty();
    }

    @Test
    void reGrantsMadeWhileTheWriterIsBusyLeaveAsOneCreditForAllThatWasConsumed()
            throws Exception {
        var ctx = conn.start("mod", "numbers", Map.of(), ContextImpl.Role.STREAM_FROM,
                EndpointKind.STREAMING, Integer.class, 64);
        transport.awaitWriteEntered();
        var payloads = new ArrayList<RawValue>();
        for (int i = 0; i < 40; i++) {
            payloads.add(Payloads.encode(i));
        }
        ctx.deliverYields(payloads);
        for (int i = 0; i < 40; i++) {
            assertThat(Payloads.decode(ctx.streamReceive(), Integer.class)).isEqualTo(i);
        }

        transport.open();
        var written = transport.awaitWritten(3);

        assertThat(written).extracting(Msg::msgType).containsExactlyInAnyOrder("Start", "Credit",
                "Credit");
        assertThat(written).filteredOn(m -> m instanceof Msg.Credit)
                .extracting(m -> ((Msg.Credit) m).credits()).containsExactlyInAnyOrder(64L, 40L);
        assertThat(ctx.maxBufferedMessages()).isEqualTo(40);
        conn.unregister(ctx);
    }

    @Test
    void aStartAckSentBeforeTheOutcomeStillLeavesFirstAndInOrder() throws Exception {
        transport.open();

        conn.trySendBeforeOutcome(new Msg.StartAck("call", Msg.StartAck.ASYNCFUNC));
        conn.trySend(new Msg.Return("call", Payloads.encode(2)));
        conn.trySend(new Msg.Stop("other"));

        assertThat(transport.awaitWritten(3)).extracting(Msg::msgType)
                .containsExactly("StartAck", "Return", "Stop");
    }

    private static Msg.Yield small(int i) {
        return new Msg.Yield("cid", Payloads.encode(i));
    }

    private static Msg.Yield big(int i) {
        return new Msg.Yield("cid-" + i, MIB);
    }

    private static List<Integer> range(int n) {
        var list = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    /**
     * A transport whose writes block until {@link #open()}; records which threads wrote and
     * what was flushed. Closing it fails a blocked write, as closing a socket does. Guarded by
     * its monitor, which every change of state notifies.
     */
    private static final class GatedTransport extends FakeTransport {

        private final List<Msg> buffered = new ArrayList<>();
        private final List<Msg> written = new ArrayList<>();
        private final List<Thread> writers = new ArrayList<>();
        private boolean gateOpen;
        private boolean writeEntered;
        private int flushes;

        synchronized void open() {
            gateOpen = true;
            notifyAll();
        }

        synchronized void awaitWriteEntered() throws InterruptedException {
            awaitState(() -> writeEntered);
            assertThat(writeEntered).as("the writer started writing").isTrue();
        }

        synchronized List<Msg> awaitWritten(int count) throws InterruptedException {
            awaitState(() -> written.size() >= count);
            return List.copyOf(written);
        }

        /** Waits on the monitor, at most 10 s, until the condition holds. */
        private void awaitState(java.util.function.BooleanSupplier condition)
                throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!condition.getAsBoolean()) {
                long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMillis <= 0) {
                    return;
                }
                wait(leftMillis);
            }
        }

        synchronized List<Msg> writtenSoFar() {
            return List.copyOf(written);
        }

        synchronized List<Thread> writerThreads() {
            return List.copyOf(writers);
        }

        synchronized int flushes() {
            return flushes;
        }

        @Override
        public void send(Msg msg) {
            write(msg);
            flush();
        }

        @Override
        public synchronized void write(Msg msg) {
            if (!writers.contains(Thread.currentThread())) {
                writers.add(Thread.currentThread());
            }
            writeEntered = true;
            notifyAll();
            try {
                while (!gateOpen && !closed) {
                    wait();
                }
            } catch (InterruptedException e) {
                closed = true;
                throw new TransportClosedException("interrupted during the write: the socket"
                        + " is closed", e);
            }
            if (closed) {
                throw new TransportClosedException("closed during the write");
            }
            buffered.add(msg);
        }

        @Override
        public synchronized void flush() {
            if (closed) {
                throw new TransportClosedException("closed");
            }
            flushes++;
            written.addAll(buffered);
            buffered.clear();
            notifyAll();
        }

        @Override
        public synchronized Msg receive() {
            throw new TransportClosedException("nothing to receive: this transport only writes");
        }
    }
}
