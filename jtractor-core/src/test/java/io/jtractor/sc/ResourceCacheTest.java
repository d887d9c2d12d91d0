package io.jtractor.sc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ResourceCacheTest {

    private final ResourceCache cache = new ResourceCache();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger tornDown = new AtomicInteger();

    @AfterEach
    void testThreadIsLeftClean() {
        assertThat(Thread.interrupted()).as("interrupt flag left set on the test thread").isFalse();
    }

    /** A factory whose instances are numbered from 1 and whose teardowns are counted. */
    private Resource<String> counted(String key) {
        var value = key + "#" + created.incrementAndGet();
        return Resource.of(value, tornDown::incrementAndGet);
    }

    @Test
    void concurrentUsersShareOneInstanceCreatedOnce() throws Exception {
        var values = ConcurrentHashMap.<String>newKeySet();
        var allHolding = new CountDownLatch(20);
        var release = new CountDownLatch(1);
        try (var nursery = Nursery.open()) {
            for (int i = 0; i < 20; i++) {
                nursery.startSoon(() -> {
                    try (var lease = cache.open("db", this::counted)) {
                        values.add(lease.value());
                        allHolding.countDown();
                        release.await();
                    }
                });
            }
            allHolding.await();
            assertThat(cache.users("db")).isEqualTo(20);
            release.countDown();
            nursery.join();
        }
        assertThat(values).containsExactly("db#1");
        assertThat(created).hasValue(1);
        assertThat(tornDown).hasValue(1);
        assertThat(cache.users("db")).isZero();
    }

    @Test
    void theLastUserTearsDownAndReceivesTheTeardownsError() {
        var failure = new IllegalStateException("teardown failed");
        var teardownThread = new AtomicReference<Thread>();
        var first = cache.open("k", key -> Resource.of("v", () -> {
            teardownThread.set(Thread.currentThread());
            throw failure;
        }));
        var second = cache.open("k", key -> {
            throw new AssertionError("a cached key must not be created again");
        });
        assertThat(first.reused()).isFalse();
        assertThat(second.reused()).isTrue();
        first.close();
        assertThat(teardownThread.get()).isNull();
        assertThatThrownBy(second::close).isSameAs(failure);
        assertThat(teardownThread.get()).isSameAs(Thread.currentThread());
        second.close();
    }

    @Test
    void aNewcomerDuringTeardownWaitsAndGetsAFreshInstance() throws Exception {
        var teardownStarted = new CountDownLatch(1);
        var finishTeardown = new CountDownLatch(1);
        var teardownDone = new AtomicBoolean();
        var newcomerValue = new AtomicReference<String>();
        ResourceCache.Factory<String, String> factory = key -> {
            int n = created.incrementAndGet();
            if (n == 2) {
                assertThat(teardownDone).as("created again before the teardown ended").isTrue();
            }
            return Resource.of(key + "#" + n, () -> {
                if (n == 1) {
                    teardownStarted.countDown();
                    finishTeardown.await();
                    teardownDone.set(true);
                }
            });
        };
        try (var nursery = Nursery.open()) {
            var lease = cache.open("svc", factory);
            nursery.startSoon(lease::close);
            teardownStarted.await();
            nursery.startSoon(() -> {
                try (var fresh = cache.open("svc", factory)) {
                    assertThat(fresh.reused()).isFalse();
                    newcomerValue.set(fresh.value());
                }
            });
            finishTeardown.countDown();
            nursery.join();
        }
        assertThat(newcomerValue.get()).isEqualTo("svc#2");
    }

    @Test
    void aFirstUserCancelledWhileCreatingNeverLeavesTheKeyLocked() throws Exception {
        var creating = new CountDownLatch(1);
        var secondValue = new AtomicReference<String>();
        var creatorScope = new AtomicReference<CancelScope>();
        ResourceCache.Factory<String, String> slowThenFast = key -> {
            if (created.incrementAndGet() == 1) {
                creating.countDown();
                Channel.<String>open(0).receiver().receive();
            }
            return Resource.of(key + "#" + created.get(), () -> { });
        };
        try (var nursery = Nursery.open()) {
            var creatorReady = new CountDownLatch(1);
            nursery.startSoon(() -> CancelScope.run(s -> {
                creatorScope.set(s);
                creatorReady.countDown();
                cache.open("key", slowThenFast).close();
            }));
            creatorReady.await();
            creating.await();
            nursery.startSoon(() -> {
                try (var lease = cache.open("key", slowThenFast)) {
                    secondValue.set(lease.value());
                }
            });
            creatorScope.get().cancel("creator gave up");
            nursery.join();
        }
        assertThat(creatorScope.get().cancelledCaught()).isTrue();
        assertThat(secondValue.get()).isEqualTo("key#2");
    }

    @Test
    void aFailedCreationGoesToItsUserAndTheNextUserCreatesAgain() {
        var failure = new IllegalStateException("cannot connect");
        assertThatThrownBy(() -> cache.open("k", key -> {
            created.incrementAndGet();
            throw failure;
        })).isSameAs(failure);
        try (var lease = cache.open("k", this::counted)) {
            assertThat(lease.value()).isEqualTo("k#2");
        }
    }

    @Test
    @SuppressWarnings("try")
    void theTeardownCompletesEvenWhenTheLastUserIsCancelled() {
        var teardownBlockedAndFinished = new AtomicBoolean();
        var scope = CancelScope.run(s -> {
            try (var lease = cache.open("k", key -> Resource.of("v", () -> {
                var channel = Channel.<String>open(1);
                channel.sender().send("blocking call inside the teardown");
                channel.receiver().receive();
                teardownBlockedAndFinished.set(true);
            }))) {
                s.cancel("user cancelled");
                CancelScope.checkpoint();
            }
        });
        assertThat(scope.cancelledCaught()).isTrue();
        assertThat(teardownBlockedAndFinished).isTrue();
    }

    @Test
    void aCancelledWaiterLeavesNoTrace() throws Exception {
        var creating = new CountDownLatch(1);
        var finishCreation = new CountDownLatch(1);
        try (var nursery = Nursery.open()) {
            nursery.startSoon(() -> {
                try (var lease = cache.open("k", key -> {
                    creating.countDown();
                    finishCreation.await();
                    return counted(key);
                })) {
                    assertThat(lease.value()).isEqualTo("k#1");
                }
            });
            creating.await();
            var waiter = CancelScope.moveOnAfter(Duration.ofMillis(20),
                    s -> cache.open("k", this::counted));
            assertThat(waiter.cancelledCaught()).isTrue();
            finishCreation.countDown();
            nursery.join();
        }
        assertThat(created).hasValue(1);
        assertThat(tornDown).hasValue(1);
    }

    @Test
    void aLeaseIsUsableUntilClosedAndClosingTwiceIsHarmless() {
        var lease = cache.open("k", this::counted);
        assertThat(lease.value()).isEqualTo("k#1");
        lease.close();
        lease.close();
        assertThat(tornDown).hasValue(1);
        assertThatThrownBy(lease::value).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("key=k");
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> cache.open(null, this::counted))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> cache.open("k", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("factory");
        assertThatThrownBy(() -> cache.open("k", key -> null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("returned null");
        try (var lease = cache.open("k", this::counted)) {
            assertThat(lease.value()).isEqualTo("k#1");
        }
    }

    @Test
    void theSharedCacheIsOneInstancePerProcess() {
        assertThat(ResourceCache.shared()).isSameAs(ResourceCache.shared());
        try (var lease = ResourceCache.shared().open(new Object(), key -> Resource.of("x",
                () -> { }))) {
            assertThat(lease.value()).isEqualTo("x");
        }
    }
}
