package io.jtractor.sc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ChannelTest {

    private static final Duration SHORT = Duration.ofMillis(30);

    @AfterEach
    void testThreadIsLeftClean() {
        assertThat(Thread.interrupted()).as("interrupt flag left set on the test thread").isFalse();
    }

    @Test
    void valuesArriveInTheOrderTheyWereSent() {
        var channel = Channel.<Integer>open(4);
        Nursery.run(n -> {
            n.startSoon(() -> {
                try (var tx = channel.sender()) {
                    for (int i = 0; i < 100; i++) {
                        tx.send(i);
                    }
                }
            });
            var received = new ArrayList<Integer>();
            for (int v : channel.receiver()) {
                received.add(v);
            }
            assertThat(received).hasSize(100).isSorted();
            return null;
        });
    }

    @Test
    void aSendBlocksWhileTheBufferIsFullUntilAValueIsReceived() throws Exception {
        var channel = Channel.<String>open(1);
        var tx = channel.sender();
        tx.send("first");
        assertThat(tx.trySend("no room")).isFalse();
        var sent = new CountDownLatch(1);
        try (var nursery = Nursery.open()) {
            nursery.startSoon(() -> {
                tx.send("second");
                sent.countDown();
            });
            assertThat(channel.receiver().receive()).isEqualTo("first");
            sent.await();
            assertThat(channel.receiver().receive()).isEqualTo("second");
        }
    }

    @Test
    void aRendezvousSendWaitsForAReceiverToTakeTheValue() throws Exception {
        var channel = Channel.<String>open(0);
        assertThat(channel.sender().trySend("nobody waits")).isFalse();
        var sent = new AtomicReference<String>();
        try (var nursery = Nursery.open()) {
            nursery.startSoon(() -> {
                channel.sender().send("hand-off");
                sent.set("returned");
            });
            assertThat(channel.receiver().receive()).isEqualTo("hand-off");
            nursery.join();
        }
        assertThat(sent.get()).isEqualTo("returned");
    }

    @Test
    void aRendezvousTrySendSucceedsWhenAReceiverIsWaiting() throws Exception {
        var channel = Channel.<String>open(0);
        var received = new AtomicReference<String>();
        try (var nursery = Nursery.open()) {
            nursery.startSoon(() -> received.set(channel.receiver().receive()));
            while (!channel.sender().trySend("offered")) {
                Thread.onSpinWait();
            }
            nursery.join();
        }
        assertThat(received.get()).isEqualTo("offered");
    }

    @Test
    void aCancelledRendezvousSendDeliversNothing() {
        var channel = Channel.<String>open(0);
        var scope = CancelScope.moveOnAfter(SHORT, s -> channel.sender().send("withdrawn"));
        assertThat(scope.cancelledCaught()).isTrue();
        assertThat(channel.receiver().tryReceive()).isEmpty();
        assertThat(channel.sender().trySend("next")).isFalse();
    }

    @Test
    void aCancelledBoundedSendDeliversNothing() {
        var channel = Channel.<String>open(1);
        channel.sender().send("fills it");
        var scope = CancelScope.moveOnAfter(SHORT, s -> channel.sender().send("never sent"));
        assertThat(scope.cancelledCaught()).isTrue();
        assertThat(channel.receiver().receive()).isEqualTo("fills it");
        assertThat(channel.receiver().tryReceive()).isEmpty();
    }

    @Test
    void aCancelledReceiverDoesNotSwallowAValueMeantForAnother() throws Exception {
        var channel = Channel.<String>open(0);
        var got = new AtomicReference<String>();
        try (var nursery = Nursery.open()) {
            var first = CancelScope.moveOnAfter(SHORT, s -> channel.receiver().receive());
            assertThat(first.cancelledCaught()).isTrue();
            nursery.startSoon(() -> got.set(channel.receiver().receive()));
            channel.sender().send("for the second");
            nursery.join();
        }
        assertThat(got.get()).isEqualTo("for the second");
    }

    @Test
    void theChannelEndsOnceEverySenderIsClosedAndTheBufferIsDrained() {
        var channel = Channel.<String>open(4);
        var tx = channel.sender();
        var clone = tx.cloneSender();
        tx.send("a");
        tx.close();
        clone.send("b");
        assertThat(channel.receiver().receive()).isEqualTo("a");
        clone.close();
        assertThat(channel.receiver().receive()).isEqualTo("b");
        assertThatThrownBy(channel.receiver()::receive).isInstanceOf(EndOfChannel.class)
                .hasMessageContaining("every send end is closed");
        assertThatThrownBy(channel.receiver()::receive).isInstanceOf(EndOfChannel.class);
        assertThatThrownBy(channel.receiver()::tryReceive).isInstanceOf(EndOfChannel.class);
    }

    @Test
    void closingTheLastSenderWakesABlockedReceiverWithEndOfChannel() throws Exception {
        var channel = Channel.<String>open(0);
        var error = new AtomicReference<Throwable>();
        var ready = new CountDownLatch(1);
        try (var nursery = Nursery.open()) {
            nursery.startSoon(() -> {
                ready.countDown();
                try {
                    channel.receiver().receive();
                } catch (EndOfChannel e) {
                    error.set(e);
                }
            });
            ready.await();
            channel.sender().close();
            nursery.join();
        }
        assertThat(error.get()).isInstanceOf(EndOfChannel.class);
    }

    @Test
    void usingAClosedEndIsAClosedResourceError() {
        var channel = Channel.<String>open(1);
        var tx = channel.sender().cloneSender();
        tx.close();
        tx.close();
        assertThat(tx.isClosed()).isTrue();
        assertThatThrownBy(() -> tx.send("x")).isInstanceOf(ClosedResourceException.class)
                .hasMessageContaining("send end");
        assertThatThrownBy(() -> tx.trySend("x")).isInstanceOf(ClosedResourceException.class);
        assertThatThrownBy(tx::cloneSender).isInstanceOf(ClosedResourceException.class);
        var rx = channel.receiver().cloneReceiver();
        rx.close();
        assertThatThrownBy(rx::receive).isInstanceOf(ClosedResourceException.class)
                .hasMessageContaining("receive end");
        assertThatThrownBy(rx::tryReceive).isInstanceOf(ClosedResourceException.class);
        assertThatThrownBy(rx::cloneReceiver).isInstanceOf(ClosedResourceException.class);
        channel.sender().send("the channel itself still works");
        assertThat(channel.receiver().receive()).isEqualTo("the channel itself still works");
    }

    @Test
    void closingAnEndWakesTasksBlockedOnItWithClosedResource() throws Exception {
        var channel = Channel.<String>open(0);
        var rx = channel.receiver().cloneReceiver();
        var error = new AtomicReference<Throwable>();
        var ready = new CountDownLatch(1);
        try (var nursery = Nursery.open()) {
            nursery.startSoon(() -> {
                ready.countDown();
                try {
                    rx.receive();
                } catch (ClosedResourceException e) {
                    error.set(e);
                }
            });
            ready.await();
            rx.close();
            nursery.join();
        }
        assertThat(error.get()).isInstanceOf(ClosedResourceException.class);
    }

    @Test
    void sendingAfterEveryReceiverClosedIsABrokenResourceError() {
        var channel = Channel.<String>open(2);
        channel.sender().send("dropped");
        channel.receiver().close();
        assertThatThrownBy(() -> channel.sender().send("x"))
                .isInstanceOf(BrokenResourceException.class)
                .hasMessageContaining("every receive end is closed");
        assertThatThrownBy(() -> channel.sender().trySend("x"))
                .isInstanceOf(BrokenResourceException.class);
    }

    @Test
    void aBlockedSenderIsWokenWithBrokenResourceWhenTheLastReceiverCloses() throws Exception {
        for (int capacity : new int[] {0, 1}) {
            var channel = Channel.<String>open(capacity);
            if (capacity == 1) {
                channel.sender().send("fills it");
            }
            var error = new AtomicReference<Throwable>();
            var ready = new CountDownLatch(1);
            try (var nursery = Nursery.open()) {
                nursery.startSoon(() -> {
                    ready.countDown();
                    try {
                        channel.sender().send("blocked");
                    } catch (BrokenResourceException e) {
                        error.set(e);
                    }
                });
                ready.await();
                channel.receiver().close();
                nursery.join();
            }
            assertThat(error.get()).as("capacity " + capacity)
                    .isInstanceOf(BrokenResourceException.class);
        }
    }

    @Test
    void nullValuesAreRejected() {
        var channel = Channel.<String>open(1);
        assertThatThrownBy(() -> channel.sender().send(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> channel.sender().trySend(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aNegativeCapacityIsRejected() {
        assertThatThrownBy(() -> Channel.open(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got -1");
    }

    @Test
    void tryReceiveNeverBlocks() {
        var channel = Channel.<String>open(2);
        assertThat(channel.receiver().tryReceive()).isEmpty();
        channel.sender().send("x");
        assertThat(channel.receiver().tryReceive()).contains("x");
    }

    @Test
    void anUnboundedChannelNeverBlocksASender() {
        var channel = Channel.<Integer>unbounded();
        for (int i = 0; i < 10_000; i++) {
            channel.sender().send(i);
        }
        channel.sender().close();
        assertThat(channel.capacity()).isEqualTo(Integer.MAX_VALUE);
        assertThat(channel.receiver().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(10_000 * 9_999 / 2);
    }

    @Test
    void aReceiveEndCanBeStreamed() {
        var channel = Channel.<String>open(3);
        channel.sender().send("a");
        channel.sender().send("b");
        channel.sender().close();
        assertThat(channel.receiver().stream().collect(Collectors.joining())).isEqualTo("ab");
        assertThat(channel.receiver().iterator().hasNext()).isFalse();
    }

    @Test
    void aReceiveIsCancelledWhenItsTaskIsCancelled() throws Exception {
        var channel = Channel.<String>open(0);
        var outcome = new AtomicReference<Throwable>();
        var ready = new CountDownLatch(1);
        try (var nursery = Nursery.open()) {
            nursery.startSoon(() -> {
                ready.countDown();
                try {
                    channel.receiver().receive();
                } catch (Cancelled c) {
                    outcome.set(c);
                    throw c;
                }
            });
            ready.await();
            nursery.cancel("test over");
        }
        assertThat(outcome.get()).isInstanceOf(Cancelled.class).hasMessageContaining("test over");
    }

    @Test
    void manyProducersAndConsumersLoseAndDuplicateNothing() {
        for (int capacity : new int[] {0, 1, 16}) {
            var channel = Channel.<Long>open(capacity);
            var sum = new AtomicLong();
            var count = new AtomicLong();
            Nursery.run(n -> {
                var tx = channel.sender();
                var rx = channel.receiver();
                for (int p = 0; p < 4; p++) {
                    var mine = tx.cloneSender();
                    long base = p * 10_000L;
                    n.startSoon(() -> {
                        try (mine) {
                            for (long i = 0; i < 2_000; i++) {
                                mine.send(base + i);
                            }
                        }
                    });
                }
                tx.close();
                List<ReceiveChannel<Long>> receivers = List.of(rx, rx.cloneReceiver(),
                        rx.cloneReceiver());
                for (var r : receivers) {
                    n.startSoon(() -> {
                        for (long v : r) {
                            sum.addAndGet(v);
                            count.incrementAndGet();
                        }
                    });
                }
                return null;
            });
            long expected = 0;
            for (int p = 0; p < 4; p++) {
                expected += p * 10_000L * 2_000 + 1_999L * 2_000 / 2;
            }
            assertThat(count).as("capacity " + capacity).hasValue(8_000);
            assertThat(sum).as("capacity " + capacity).hasValue(expected);
        }
    }

    @Test
    void aRendezvousTryReceiveTakesTheValueOfAWaitingSender() throws Exception {
        var channel = Channel.<String>open(0);
        var returned = new CountDownLatch(1);
        try (var nursery = Nursery.open()) {
            nursery.startSoon(() -> {
                channel.sender().send("waiting");
                returned.countDown();
            });
            var got = channel.receiver().tryReceive();
            while (got.isEmpty()) {
                Thread.onSpinWait();
                got = channel.receiver().tryReceive();
            }
            assertThat(got).contains("waiting");
            returned.await();
        }
        assertThat(channel.receiver().tryReceive()).isEmpty();
    }

    @Test
    void closingASendEndWakesARendezvousSenderBlockedOnItAndTakesItsValueBack()
            throws Exception {
        var channel = Channel.<String>open(0);
        var tx = channel.sender().cloneSender();
        var error = new AtomicReference<Throwable>();
        try (var nursery = Nursery.open()) {
            nursery.startSoon(() -> {
                try {
                    tx.send("never delivered");
                } catch (ClosedResourceException e) {
                    error.set(e);
                }
            });
            while (!channel.toString().contains("waiting=1 sender")) {
                Thread.onSpinWait();
            }
            tx.close();
            nursery.join();
        }
        assertThat(error.get()).isInstanceOf(ClosedResourceException.class)
                .hasMessageContaining("send end");
        assertThat(channel.receiver().tryReceive()).isEmpty();
        assertThat(channel.toString()).contains("waiting=0");
    }

    @Test
    void cancelledRendezvousWaitersLeaveNothingBehindInTheQueue() {
        var channel = Channel.<String>open(0);
        for (int i = 0; i < 50; i++) {
            assertThat(CancelScope.moveOnAfter(Duration.ofMillis(1),
                    s -> channel.receiver().receive()).cancelledCaught()).isTrue();
            assertThat(CancelScope.moveOnAfter(Duration.ofMillis(1),
                    s -> channel.sender().send("back")).cancelledCaught()).isTrue();
        }
        assertThat(channel.toString()).contains("waiting=0");
    }

    /**
     * Senders and receivers race on a rendezvous with cancellations (short deadlines) in the
     * mix: every value is either received exactly once and its send returned, or its send was
     * cancelled and nobody received it.
     */
    @Test
    void racingRendezvousSendsAndReceivesWithCancellationsDeliverEachValueOnceOrTakeItBack() {
        for (int round = 0; round < 10; round++) {
            var channel = Channel.<Integer>open(0);
            Set<Integer> delivered = ConcurrentHashMap.newKeySet();
            Set<Integer> takenBack = ConcurrentHashMap.newKeySet();
            var received = new ConcurrentLinkedQueue<Integer>();
            Nursery.run(n -> {
                var tx = channel.sender();
                for (int p = 0; p < 4; p++) {
                    var mine = tx.cloneSender();
                    int base = p * 1_000_000;
                    n.startSoon(() -> {
                        try (mine) {
                            for (int i = 0; i < 500; i++) {
                                sendOrGiveUp(mine, base + i, delivered, takenBack);
                            }
                        }
                    });
                }
                tx.close();
                var rx = channel.receiver();
                List<ReceiveChannel<Integer>> receivers = List.of(rx, rx.cloneReceiver(),
                        rx.cloneReceiver());
                for (var r : receivers) {
                    n.startSoon(() -> receiveUntilTheEnd(r, received));
                }
                return null;
            });
            assertThat(received).as("round %d: received", round)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(delivered);
            assertThat(takenBack).as("round %d: taken back", round)
                    .doesNotContainAnyElementsOf(received);
            assertThat(delivered.size() + takenBack.size()).isEqualTo(2_000);
        }
    }

    private static void sendOrGiveUp(SendChannel<Integer> tx, int value, Set<Integer> delivered,
            Set<Integer> takenBack) {
        if (ThreadLocalRandom.current().nextBoolean()) {
            tx.send(value);
            delivered.add(value);
            return;
        }
        var timeout = Duration.ofNanos(ThreadLocalRandom.current().nextLong(1_000, 50_000));
        var scope = CancelScope.moveOnAfter(timeout, s -> {
            tx.send(value);
            delivered.add(value);
        });
        if (!delivered.contains(value)) {
            assertThat(scope.cancelledCaught()).isTrue();
            takenBack.add(value);
        }
    }

    private static void receiveUntilTheEnd(ReceiveChannel<Integer> rx,
            ConcurrentLinkedQueue<Integer> received) {
        var ended = new AtomicReference<Boolean>(false);
        while (!ended.get()) {
            if (ThreadLocalRandom.current().nextBoolean()) {
                try {
                    received.add(rx.receive());
                } catch (EndOfChannel e) {
                    ended.set(true);
                }
                continue;
            }
            var timeout = Duration.ofNanos(ThreadLocalRandom.current().nextLong(1_000, 50_000));
            CancelScope.moveOnAfter(timeout, s -> {
                try {
                    received.add(rx.receive());
                } catch (EndOfChannel e) {
                    ended.set(true);
                }
            });
        }
    }
}
