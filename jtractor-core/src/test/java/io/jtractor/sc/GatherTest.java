package io.jtractor.sc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class GatherTest {

    @AfterEach
    void testThreadIsLeftClean() {
        assertThat(Thread.interrupted()).as("interrupt flag left set on the test thread").isFalse();
    }

    @Test
    void resourcesAreOpenedConcurrentlyAndValuesKeepTheOrderOfTheOpeners() {
        var allOpening = new CountDownLatch(3);
        List<Gather.Opener<String>> openers = List.of(
                () -> opened("a", allOpening),
                () -> opened("b", allOpening),
                () -> opened("c", allOpening));
        try (var gather = Gather.open(openers)) {
            assertThat(gather.values()).containsExactly("a", "b", "c");
        }
    }

    /** Opens a value only once every opener is running: proof that they run concurrently. */
    private static Resource<String> opened(String value, CountDownLatch allOpening)
            throws InterruptedException {
        allOpening.countDown();
        allOpening.await();
        return Resource.of(value, () -> { });
    }

    @Test
    void resourcesAreTornDownConcurrentlyByTheTasksThatOpenedThem() {
        var allClosing = new CountDownLatch(2);
        var openers = new ConcurrentHashMap<String, Thread>();
        var closers = new ConcurrentHashMap<String, Thread>();
        List<Gather.Opener<String>> list = List.of(
                () -> tracked("x", openers, closers, allClosing),
                () -> tracked("y", openers, closers, allClosing));
        try (var gather = Gather.open(list)) {
            assertThat(closers).isEmpty();
            assertThat(gather.values()).containsExactly("x", "y");
        }
        assertThat(closers).hasSize(2).isEqualTo(openers);
        assertThat(closers.get("x")).isNotSameAs(Thread.currentThread());
    }

    private static Resource<String> tracked(String value,
            Map<String, Thread> openers, Map<String, Thread> closers,
            CountDownLatch allClosing) {
        openers.put(value, Thread.currentThread());
        return Resource.of(value, () -> {
            allClosing.countDown();
            allClosing.await();
            closers.put(value, Thread.currentThread());
        });
    }

    @Test
    void anOpenFailureTearsDownWhatWasOpenedAndIsRaised() {
        var failure = new IllegalStateException("peer refused");
        var firstOpen = new CountDownLatch(1);
        var tornDown = new CopyOnWriteArrayList<String>();
        List<Gather.Opener<String>> openers = List.of(
                () -> {
                    firstOpen.countDown();
                    return Resource.of("ok", () -> tornDown.add("ok"));
                },
                () -> {
                    firstOpen.await();
                    throw failure;
                });
        assertThatThrownBy(() -> Gather.open(openers)).isSameAs(failure);
        assertThat(tornDown).containsExactly("ok");
    }

    @Test
    void aCancelledCallerLeavesNothingOpen() {
        var tornDown = new CopyOnWriteArrayList<String>();
        List<Gather.Opener<String>> openers = List.of(
                () -> Resource.of("quick", () -> tornDown.add("quick")),
                () -> {
                    Channel.<String>open(0).receiver().receive();
                    return Resource.of("never", () -> tornDown.add("never"));
                });
        var scope = CancelScope.moveOnAfter(Duration.ofMillis(30), s -> Gather.open(openers));
        assertThat(scope.cancelledCaught()).isTrue();
        assertThat(tornDown).containsExactly("quick");
    }

    @Test
    void teardownErrorsAreRaisedByCloseTogether() {
        var first = new IllegalStateException("first teardown");
        var second = new IllegalArgumentException("second teardown");
        List<Gather.Opener<String>> openers = List.of(
                () -> Resource.of("a", () -> {
                    throw first;
                }),
                () -> Resource.of("b", () -> {
                    throw second;
                }));
        var gather = Gather.open(openers);
        assertThatThrownBy(gather::close).isInstanceOfSatisfying(ExceptionGroup.class,
                group -> assertThat(group.exceptions()).containsExactlyInAnyOrder(first, second));
        gather.close();
    }

    @Test
    void anEmptyListIsAnIllegalArgument() {
        assertThatThrownBy(() -> Gather.open(List.<Gather.Opener<String>>of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }

    @Test
    @SuppressWarnings("try")
    void aGatherIsClosedByTheThreadThatOpenedIt() throws Exception {
        var error = new AtomicReference<Throwable>();
        try (var gather = Gather.open(List.<Gather.Opener<String>>of(
                () -> Resource.of("v", () -> { })))) {
            var other = Thread.ofVirtual().start(() -> {
                try {
                    gather.close();
                } catch (Throwable t) {
                    error.set(t);
                }
            });
            other.join();
        }
        assertThat(error.get()).isInstanceOf(WrongThreadException.class);
    }

    @Test
    void closeableValuesCanBeGatheredDirectly() {
        var closed = new CopyOnWriteArrayList<String>();
        class Conn implements AutoCloseable {
            final String name;

            Conn(String name) {
                this.name = name;
            }

            @Override
            public void close() {
                closed.add(name);
            }
        }
        List<Gather.Opener<Conn>> openers = List.of(
                () -> Resource.of(new Conn("one")),
                () -> Resource.of(new Conn("two")));
        try (var gather = Gather.open(openers)) {
            assertThat(gather.values()).extracting(c -> c.name).containsExactly("one", "two");
        }
        assertThat(closed).containsExactlyInAnyOrder("one", "two");
    }
}
