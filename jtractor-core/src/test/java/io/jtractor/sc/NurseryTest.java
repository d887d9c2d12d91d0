package io.jtractor.sc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class NurseryTest {

    @AfterEach
    void testThreadIsLeftClean() {
        assertThat(Thread.interrupted()).as("interrupt flag left set on the test thread").isFalse();
    }

    @Test
    void joinWaitsForEveryTask() {
        var done = new AtomicInteger();
        try (var nursery = Nursery.open()) {
            for (int i = 0; i < 10; i++) {
                nursery.startSoon(done::incrementAndGet);
            }
            nursery.join();
            assertThat(done).hasValue(10);
            assertThat(nursery.runningTasks()).isZero();
        }
    }

    @Test
    void aTaskFailureCancelsItsSiblingsAndIsRaisedAsItself() {
        var boom = new IllegalStateException("boom");
        var siblingCancelled = new CountDownLatch(1);
        var blocked = new CountDownLatch(1);
        var channel = Channel.<String>open(0);
        assertThatThrownBy(() -> Nursery.run(n -> {
            n.startSoon(() -> {
                try {
                    blocked.countDown();
                    channel.receiver().receive();
                } catch (Cancelled c) {
                    siblingCancelled.countDown();
                    throw c;
                }
            });
            n.startSoon(() -> {
                blocked.await();
                throw boom;
            });
            return null;
        })).isSameAs(boom);
        assertThat(siblingCancelled.getCount()).isZero();
    }

    @Test
    void anErrorInAFinallyBlockDuringCancellationIsSuppressedNotAReplacement() {
        var original = new IllegalStateException("original");
        var cleanup = new IllegalArgumentException("cleanup failed");
        var blocked = new CountDownLatch(1);
        assertThatThrownBy(() -> Nursery.run(n -> {
            n.startSoon(() -> {
                try {
                    blocked.countDown();
                    Channel.<String>open(0).receiver().receive();
                } finally {
                    raise(cleanup);
                }
            });
            n.startSoon(() -> {
                blocked.await();
                throw original;
            });
            return null;
        })).isSameAs(original)
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(cleanup));
    }

    @Test
    void theBodysErrorWinsAndCleanupErrorsOfTasksAreSuppressedWithTryWithResources() {
        var bodyError = new IllegalStateException("body");
        var cleanup = new IllegalArgumentException("cleanup failed");
        var started = new CountDownLatch(1);
        assertThatThrownBy(() -> {
            try (var nursery = Nursery.open()) {
                nursery.startSoon(() -> {
                    try {
                        started.countDown();
                        Channel.<String>open(0).receiver().receive();
                    } finally {
                        raise(cleanup);
                    }
                });
                started.await();
                throw bodyError;
            }
        }).isSameAs(bodyError)
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(cleanup));
    }

    @Test
    void theBodysOwnErrorAndAnIndependentTaskFailureAreRaisedAsAGroup() {
        var taskError = new IllegalStateException("task");
        var bodyError = new IllegalArgumentException("body");
        var taskThread = new AtomicReference<Thread>();
        var taskRunning = new CountDownLatch(1);
        assertThatThrownBy(() -> Nursery.run(n -> {
            n.startSoon(() -> {
                taskThread.set(Thread.currentThread());
                taskRunning.countDown();
                throw taskError;
            });
            return CancelScope.shielded(s -> {
                taskRunning.await();
                taskThread.get().join();
                throw bodyError;
            });
        })).isInstanceOfSatisfying(ExceptionGroup.class, group -> {
            assertThat(group.exceptions()).containsExactly(taskError, bodyError);
            assertThat(group.getSuppressed()).containsExactly(taskError, bodyError);
            assertThat(group.getMessage()).contains("2 failures");
        });
    }

    @Test
    void startReturnsTheReportedValueAndTheTaskKeepsRunning() {
        var release = new CountDownLatch(1);
        var finished = new AtomicBoolean();
        try (var nursery = Nursery.open()) {
            int port = nursery.start(status -> {
                status.started(4242);
                release.await();
                finished.set(true);
            });
            assertThat(port).isEqualTo(4242);
            assertThat(nursery.runningTasks()).isEqualTo(1);
            release.countDown();
            nursery.join();
        }
        assertThat(finished).isTrue();
    }

    @Test
    void anErrorInAStartedTaskBeforeReadinessSurfacesFromStart() {
        var early = new IllegalStateException("failed while starting");
        try (var nursery = Nursery.open()) {
            assertThatThrownBy(() -> nursery.start(status -> {
                throw early;
            })).isSameAs(early);
            assertThat(nursery.cancelScope().isCancelled()).isFalse();
            nursery.join();
        }
    }

    @Test
    void aStartedTaskThatReturnsWithoutReportingIsAnIllegalState() {
        try (var nursery = Nursery.open()) {
            assertThatThrownBy(() -> nursery.start(status -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("without calling started()");
        }
    }

    @Test
    void reportingReadinessTwiceFailsTheTask() {
        assertThatThrownBy(() -> Nursery.run(n -> n.start(status -> {
            status.started("one");
            status.started("two");
        }))).isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
    }

    @Test
    void aCallerCancelledDuringStartCancelsTheTaskAndWaitsForItsEnd() {
        var taskEnded = new AtomicBoolean();
        try (var nursery = Nursery.open()) {
            var scope = CancelScope.moveOnAfter(Duration.ofMillis(30), s ->
                    nursery.start(status -> {
                        try {
                            Channel.<String>open(0).receiver().receive();
                        } finally {
                            taskEnded.set(true);
                        }
                    }));
            assertThat(scope.cancelledCaught()).isTrue();
            assertThat(taskEnded).isTrue();
            assertThat(nursery.runningTasks()).isZero();
            assertThat(nursery.cancelScope().isCancelled()).isFalse();
        }
    }

    @Test
    void aTaskCanStartAServiceIntoANurseryOwnedByAnotherTask() throws Exception {
        var serviceStopped = new CountDownLatch(1);
        try (var services = Nursery.open("services")) {
            String answer = Nursery.run(n -> {
                var reply = new AtomicReference<String>();
                n.startSoon(() -> reply.set(services.start(status -> {
                    try {
                        status.started("service ready");
                        Channel.<String>open(0).receiver().receive();
                    } finally {
                        serviceStopped.countDown();
                    }
                })));
                n.join();
                return reply.get();
            });
            assertThat(answer).isEqualTo("service ready");
            assertThat(services.runningTasks()).isEqualTo(1);
        }
        assertThat(serviceStopped.getCount()).isZero();
    }

    @Test
    void tenThousandTasksComplete() {
        var done = new AtomicInteger();
        var threads = ConcurrentHashMap.<Thread>newKeySet();
        try (var nursery = Nursery.open("many")) {
            for (int i = 0; i < 10_000; i++) {
                nursery.startSoon(() -> {
                    threads.add(Thread.currentThread());
                    done.incrementAndGet();
                });
            }
            nursery.join();
        }
        assertThat(done).hasValue(10_000);
        assertThat(threads).hasSize(10_000).allMatch(Thread::isVirtual);
    }

    @Test
    void aFailureAmongTenThousandBlockedTasksCancelsTheRestPromptly() {
        var boom = new IllegalStateException("one of many");
        var cancelled = new AtomicInteger();
        var allBlocked = new CountDownLatch(10_000);
        var channel = Channel.<String>open(0);
        long startNanos = System.nanoTime();
        assertThatThrownBy(() -> Nursery.run(n -> {
            for (int i = 0; i < 10_000; i++) {
                n.startSoon(() -> {
                    try {
                        allBlocked.countDown();
                        channel.receiver().receive();
                    } catch (Cancelled c) {
                        cancelled.incrementAndGet();
                        throw c;
                    }
                });
            }
            n.startSoon(() -> {
                allBlocked.await();
                throw boom;
            });
            return null;
        })).isSameAs(boom);
        assertThat(cancelled).hasValue(10_000);
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos))
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void closeCancelsWhatIsStillRunningAndWaitsForIt() {
        var ended = new AtomicInteger();
        var running = new CountDownLatch(3);
        try (var nursery = Nursery.open()) {
            for (int i = 0; i < 3; i++) {
                nursery.startSoon(() -> {
                    try {
                        running.countDown();
                        Channel.<String>open(0).receiver().receive();
                    } finally {
                        ended.incrementAndGet();
                    }
                });
            }
            running.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(ended).hasValue(3);
    }

    @Test
    void aCancelledLockAcquireCancelsCleanlyAndIsNoError() {
        var lock = new ReentrantLock();
        var waiting = new CountDownLatch(1);
        lock.lock();
        try (var nursery = Nursery.open()) {
            nursery.startSoon(() -> {
                waiting.countDown();
                lock.lockInterruptibly();
                lock.unlock();
            });
            nursery.startSoon(() -> {
                waiting.await();
                try {
                    lock.lockInterruptibly();
                } catch (InterruptedException e) {
                    throw CancelScope.interrupted(e);
                }
                lock.unlock();
            });
            waiting.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            lock.unlock();
        }
    }

    @Test
    void aFailureAfterJoinRaisedIsRaisedByClose() {
        var first = new IllegalStateException("first");
        var second = new IllegalStateException("second");
        var nursery = Nursery.open();
        try {
            nursery.startSoon(() -> {
                throw first;
            });
            assertThatThrownBy(nursery::join).isSameAs(first);
            nursery.startSoon(() -> {
                throw second;
            });
        } finally {
            assertThatThrownBy(nursery::close).isSameAs(second);
        }
    }

    @Test
    void cancellingTheNurseryIsNotRaisedByJoin() {
        try (var nursery = Nursery.open()) {
            nursery.startSoon(() -> Channel.<String>open(0).receiver().receive());
            nursery.cancel();
            nursery.join();
            assertThat(nursery.cancelScope().isCancelled()).isTrue();
        }
    }

    @Test
    void joinRaisesTheCancellationOfAnEnclosingScope() {
        var scope = CancelScope.run(outer -> {
            try (var nursery = Nursery.open()) {
                nursery.startSoon(() -> Channel.<String>open(0).receiver().receive());
                outer.cancel("outer gave up");
                assertThatThrownBy(nursery::join).isInstanceOf(Cancelled.class)
                        .hasMessageContaining("outer gave up");
            }
        });
        assertThat(scope.isCancelled()).isTrue();
    }

    @Test
    void runReturnsTheBodysValueAndRaisesAnEnclosingCancellation() {
        assertThat(Nursery.<String>run(n -> "value")).isEqualTo("value");
        var outer = CancelScope.run(s -> {
            s.cancel("outer");
            Nursery.run(n -> {
                CancelScope.checkpoint();
                return null;
            });
            throw new AssertionError("run() swallowed the enclosing cancellation");
        });
        assertThat(outer.cancelledCaught()).isTrue();
    }

    @Test
    void runRaisesAnEnclosingCancellationThatArrivesWhileItWaitsForTasks() {
        var taskBlocked = new java.util.concurrent.CountDownLatch(1);
        var outer = CancelScope.run(s -> {
            Nursery.run(n -> {
                n.startSoon(() -> {
                    taskBlocked.countDown();
                    Channel.<String>open(0).receiver().receive();
                });
                taskBlocked.await();
                s.cancel("outer gave up while run() waited");
                return null;
            });
            throw new AssertionError("run() returned normally although its caller was cancelled");
        });
        assertThat(outer.cancelledCaught()).isTrue();
    }

    @Test
    void startingIntoAClosedNurseryIsAnIllegalState() {
        var nursery = Nursery.open("finished");
        nursery.close();
        assertThatThrownBy(() -> nursery.startSoon(() -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'finished' is closed");
        assertThatThrownBy(() -> nursery.start(status -> status.started()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(nursery::join).isInstanceOf(IllegalStateException.class);
        assertThat(nursery.isClosed()).isTrue();
    }

    @Test
    void closingTwiceIsHarmless() {
        var nursery = Nursery.open();
        nursery.close();
        nursery.close();
    }

    @Test
    @SuppressWarnings("try")
    void joinAndCloseBelongToTheOpeningThread() throws Exception {
        var errors = new ConcurrentHashMap<String, Throwable>();
        try (var nursery = Nursery.open("owned")) {
            var other = Thread.ofVirtual().start(() -> {
                try {
                    nursery.join();
                } catch (Throwable t) {
                    errors.put("join", t);
                }
                try {
                    nursery.close();
                } catch (Throwable t) {
                    errors.put("close", t);
                }
            });
            other.join();
        }
        assertThat(errors.get("join")).isInstanceOf(WrongThreadException.class)
                .hasMessageContaining("join() of nursery 'owned'");
        assertThat(errors.get("close")).isInstanceOf(WrongThreadException.class);
    }

    @Test
    void aNullTaskIsANullPointerSayingWhatWasExpected() {
        try (var nursery = Nursery.open()) {
            assertThatThrownBy(() -> nursery.startSoon(null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("task must not be null");
            assertThatThrownBy(() -> nursery.start(null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("task must not be null");
        }
    }

    @Test
    void aCancelledTaskCarriesTheFailureThatCausedItAsCause() {
        var boom = new IllegalStateException("boom");
        var seen = new AtomicReference<Cancelled>();
        var blocked = new CountDownLatch(1);
        assertThatThrownBy(() -> Nursery.run(n -> {
            n.startSoon(() -> {
                try {
                    blocked.countDown();
                    Channel.<String>open(0).receiver().receive();
                } catch (Cancelled c) {
                    seen.set(c);
                    throw c;
                }
            });
            n.startSoon(() -> {
                blocked.await();
                throw boom;
            });
            return null;
        })).isSameAs(boom);
        assertThat(seen.get().getCause()).isSameAs(boom);
        assertThat(seen.get().reason()).contains("failed");
    }

    @Test
    void taskThreadsAreNamedAfterTheNursery() {
        var name = new AtomicReference<String>();
        Nursery.run(n -> {
            n.startSoon("reader", () -> name.set(Thread.currentThread().getName()));
            return null;
        });
        assertThat(name.get()).isEqualTo("reader");
    }

    /** Throws from a finally block without the compiler's warning about it. */
    private static void raise(RuntimeException e) {
        throw e;
    }

    /**
     * A cancel of the nursery races with tasks being started from another task: every task,
     * started before or after the cancel, sees it, and close() returns once all have ended.
     */
    @Test
    void aCancelRacingTaskStartsReachesEveryTask() {
        for (int round = 0; round < 20; round++) {
            int tasks = 200;
            var cancelled = new AtomicInteger();
            var someStarted = new CountDownLatch(20);
            try (var nursery = Nursery.open("racing")) {
                nursery.startSoon(() -> {
                    for (int i = 0; i < tasks; i++) {
                        nursery.startSoon(() -> {
                            someStarted.countDown();
                            try {
                                new CountDownLatch(1).await();
                            } catch (InterruptedException e) {
                                cancelled.incrementAndGet();
                                throw e;
                            }
                        });
                    }
                });
                awaitUninterruptibly(someStarted);
                nursery.cancel("racing the starts");
            }
            assertThat(cancelled).as("round %d", round).hasValue(tasks);
        }
    }

    @Test
    void endedTasksAreUnlinkedFromTheScopeTreeAndALongLivedTaskIsStillCancelled() {
        var longLivedCancelled = new AtomicBoolean();
        var blocked = new CountDownLatch(1);
        try (var nursery = Nursery.open("sweeping")) {
            nursery.startSoon(() -> {
                blocked.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    longLivedCancelled.set(true);
                    throw e;
                }
            });
            awaitUninterruptibly(blocked);
            for (int i = 0; i < 2_000; i++) {
                var done = new CountDownLatch(1);
                nursery.startSoon(done::countDown);
                awaitUninterruptibly(done);
            }
            assertThat(nursery.cancelScope().linkedChildren()).isLessThan(200);
            nursery.cancel("only the long-lived task is left");
        }
        assertThat(longLivedCancelled).isTrue();
    }

    @Test
    void tasksStartedFromManyThreadsAreAllWaitedFor() {
        var done = new AtomicInteger();
        try (var nursery = Nursery.open("many starters")) {
            var starters = new ArrayList<Thread>();
            for (int t = 0; t < 4; t++) {
                starters.add(Thread.startVirtualThread(() -> {
                    for (int i = 0; i < 500; i++) {
                        nursery.startSoon(done::incrementAndGet);
                    }
                }));
            }
            for (var starter : starters) {
                joinUninterruptibly(starter);
            }
            nursery.join();
            assertThat(done).hasValue(2_000);
            assertThat(nursery.runningTasks()).isZero();
        }
        assertThat(done).hasValue(2_000);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while joining " + thread, e);
        }
    }
}
