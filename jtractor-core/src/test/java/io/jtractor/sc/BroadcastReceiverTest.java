package io.jtractor.sc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class BroadcastReceiverTest {

    @AfterEach
    void testThreadIsLeftClean() {
        assertThat(Thread.interrupted()).as("interrupt flag left set on the test thread").isFalse();
    }

    @Test
    void everySubscriberGetsEveryValueFromItsSubscriptionOn() {
        var channel = Channel.<Integer>open(8);
        try (var broadcast = BroadcastReceiver.of(channel.receiver(), 16)) {
            var early = broadcast.subscribe();
            channel.sender().send(1);
            channel.sender().send(2);
            assertThat(early.receive()).isEqualTo(1);
            var late = broadcast.subscribe();
            channel.sender().send(3);
            channel.sender().close();
            assertThat(drain(early)).containsExactly(2, 3);
            assertThat(drain(late)).containsExactly(2, 3);
        }
    }

    @Test
    void concurrentSubscribersEachReceiveTheWholeStream() {
        var channel = Channel.<Integer>open(4);
        var results = new CopyOnWriteArrayList<List<Integer>>();
        try (var broadcast = BroadcastReceiver.of(channel.receiver(), 1_000)) {
            Nursery.run(n -> {
                for (int i = 0; i < 5; i++) {
                    var subscriber = broadcast.subscribe();
                    n.startSoon(() -> results.add(drain(subscriber)));
                }
                try (var tx = channel.sender()) {
                    for (int i = 0; i < 500; i++) {
                        tx.send(i);
                    }
                }
                return null;
            });
        }
        assertThat(results).hasSize(5).allSatisfy(list ->
                assertThat(list).hasSize(500).isSorted().startsWith(0).endsWith(499));
    }

    @Test
    void aSubscriberMoreThanTheWindowBehindGetsLaggedOnceAndResumesAtTheOldestValue() {
        var channel = Channel.<Integer>open(16);
        try (var broadcast = BroadcastReceiver.of(channel.receiver(), 3)) {
            var fast = broadcast.subscribe();
            var slow = broadcast.subscribe();
            for (int i = 1; i <= 5; i++) {
                channel.sender().send(i);
                assertThat(fast.receive()).isEqualTo(i);
            }
            assertThatThrownBy(slow::receive).isInstanceOfSatisfying(Lagged.class, lagged -> {
                assertThat(lagged.missed()).isEqualTo(2);
                assertThat(lagged.getMessage()).contains("2 value(s) missed", "window of 3");
            });
            assertThat(slow.receive()).isEqualTo(3);
            assertThat(slow.receive()).isEqualTo(4);
            assertThat(slow.receive()).isEqualTo(5);
        }
    }

    @Test
    void aSubscriberExactlyTheWindowBehindMissesNothing() {
        var channel = Channel.<Integer>open(16);
        try (var broadcast = BroadcastReceiver.of(channel.receiver(), 3)) {
            var fast = broadcast.subscribe();
            var slow = broadcast.subscribe();
            for (int i = 1; i <= 3; i++) {
                channel.sender().send(i);
                fast.receive();
            }
            assertThat(List.of(slow.receive(), slow.receive(), slow.receive()))
                    .containsExactly(1, 2, 3);
        }
    }

    @Test
    void aSubscriberThatAskedToSkipLagsSilently() {
        var channel = Channel.<Integer>open(16);
        try (var broadcast = BroadcastReceiver.of(channel.receiver(), 2)) {
            var fast = broadcast.subscribe();
            var skipping = broadcast.subscribe(BroadcastReceiver.LagPolicy.SKIP);
            for (int i = 1; i <= 5; i++) {
                channel.sender().send(i);
                fast.receive();
            }
            assertThat(skipping.receive()).isEqualTo(4);
            assertThat(skipping.receive()).isEqualTo(5);
        }
    }

    @Test
    void oneSubscriberClosingDoesNotDisturbTheOthers() {
        var channel = Channel.<Integer>open(16);
        try (var broadcast = BroadcastReceiver.of(channel.receiver(), 8)) {
            var leaving = broadcast.subscribe();
            var staying = broadcast.subscribe();
            channel.sender().send(1);
            leaving.close();
            leaving.close();
            assertThatThrownBy(leaving::receive).isInstanceOf(ClosedResourceException.class);
            channel.sender().send(2);
            channel.sender().close();
            assertThat(drain(staying)).containsExactly(1, 2);
        }
    }

    @Test
    void closingTheSourceWakesEverySubscriberWithEndOfChannelAfterTheirValues() throws Exception {
        var channel = Channel.<Integer>open(0);
        var ends = new CopyOnWriteArrayList<Throwable>();
        var waiting = new CountDownLatch(3);
        try (var broadcast = BroadcastReceiver.of(channel.receiver(), 4)) {
            try (var nursery = Nursery.open()) {
                for (int i = 0; i < 3; i++) {
                    var subscriber = broadcast.subscribe();
                    nursery.startSoon(() -> {
                        waiting.countDown();
                        try {
                            subscriber.receive();
                        } catch (EndOfChannel e) {
                            ends.add(e);
                        }
                    });
                }
                waiting.await();
                channel.sender().close();
                nursery.join();
            }
        }
        assertThat(ends).hasSize(3);
    }

    @Test
    void closingTheBroadcastClosesItsSourceAndEndsItsSubscribers() throws Exception {
        var channel = Channel.<Integer>open(4);
        var broadcast = BroadcastReceiver.of(channel.receiver(), 4);
        var subscriber = broadcast.subscribe();
        channel.sender().send(7);
        assertThat(subscriber.receive()).isEqualTo(7);
        var outcome = new AtomicReference<Throwable>();
        var waiting = new CountDownLatch(1);
        try (var nursery = Nursery.open()) {
            nursery.startSoon(() -> {
                waiting.countDown();
                try {
                    subscriber.receive();
                } catch (EndOfChannel e) {
                    outcome.set(e);
                }
            });
            waiting.await();
            broadcast.close();
            nursery.join();
        }
        assertThat(outcome.get()).isInstanceOf(EndOfChannel.class).hasMessageContaining("closed");
        assertThat(channel.receiver().isClosed()).isTrue();
        assertThatThrownBy(broadcast::subscribe).isInstanceOf(ClosedResourceException.class);
    }

    @Test
    void cancellingTheSubscriberThatPullsFromTheSourceLetsAnotherTakeOver() throws Exception {
        var channel = Channel.<String>open(0);
        var pulls = new Semaphore(0);
        BroadcastReceiver.Source<String> source = () -> {
            pulls.release();
            return channel.receiver().receive();
        };
        try (var broadcast = BroadcastReceiver.of(source, channel.receiver(), 4)) {
            var puller = broadcast.subscribe();
            var other = broadcast.subscribe();
            var pullerScope = new AtomicReference<CancelScope>();
            var pullerReady = new CountDownLatch(1);
            var otherGot = new AtomicReference<String>();
            try (var nursery = Nursery.open()) {
                nursery.startSoon(() -> CancelScope.run(s -> {
                    pullerScope.set(s);
                    pullerReady.countDown();
                    puller.receive();
                }));
                pullerReady.await();
                pulls.acquire();
                nursery.startSoon(() -> otherGot.set(other.receive()));
                pullerScope.get().cancel("puller cancelled");
                pulls.acquire();
                channel.sender().send("delivered");
                nursery.join();
            }
            assertThat(pullerScope.get().cancelledCaught()).isTrue();
            assertThat(otherGot.get()).isEqualTo("delivered");
            assertThat(puller.receive()).isEqualTo("delivered");
        }
    }

    @Test
    void aFailingSourceReachesThePullerAndBreaksTheOthers() {
        var failure = new IllegalStateException("stream died");
        BroadcastReceiver.Source<String> source = () -> {
            throw failure;
        };
        try (var broadcast = BroadcastReceiver.of(source, () -> { }, 4)) {
            var first = broadcast.subscribe();
            var second = broadcast.subscribe();
            assertThatThrownBy(first::receive).isSameAs(failure);
            assertThatThrownBy(second::receive).isInstanceOf(BrokenResourceException.class)
                    .hasCause(failure);
        }
    }

    @Test
    void tryReceiveReadsRetainedValuesAndTheSourceWithoutBlocking() {
        var channel = Channel.<Integer>open(4);
        try (var broadcast = BroadcastReceiver.of(channel.receiver(), 4)) {
            var a = broadcast.subscribe();
            var b = broadcast.subscribe();
            assertThat(a.tryReceive()).isEmpty();
            channel.sender().send(1);
            assertThat(a.tryReceive()).contains(1);
            assertThat(b.tryReceive()).contains(1);
            assertThat(b.tryReceive()).isEmpty();
            channel.sender().close();
            assertThatThrownBy(b::tryReceive).isInstanceOf(EndOfChannel.class);
        }
    }

    @Test
    void aClonedSubscriptionContinuesFromTheSamePosition() {
        var channel = Channel.<Integer>open(4);
        try (var broadcast = BroadcastReceiver.of(channel.receiver(), 4)) {
            var a = broadcast.subscribe();
            channel.sender().send(1);
            channel.sender().send(2);
            assertThat(a.receive()).isEqualTo(1);
            var clone = a.cloneReceiver();
            channel.sender().close();
            assertThat(drain(clone)).containsExactly(2);
            assertThat(drain(a)).containsExactly(2);
        }
    }

    @Test
    void aWindowSmallerThanOneIsRejected() {
        var channel = Channel.<Integer>open(1);
        assertThatThrownBy(() -> BroadcastReceiver.of(channel.receiver(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("windowSize=0");
    }

    private static <T> List<T> drain(ReceiveChannel<T> rx) {
        var values = new ArrayList<T>();
        for (var v : rx) {
            values.add(v);
        }
        return values;
    }
}
