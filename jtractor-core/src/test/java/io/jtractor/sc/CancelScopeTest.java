package io.jtractor.sc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class CancelScopeTest {

    private static final Duration SHORT = Duration.ofMillis(30);
    private static final Duration LONG = Duration.ofSeconds(30);

    @AfterEach
    void testThreadIsLeftClean() {
        assertThat(Thread.interrupted()).as("interrupt flag left set on the test thread").isFalse();
    }

    @Test
    void cancelRaisesCancelledAtTheNextBlockingCallWithItsReason() {
        var scope = CancelScope.run(s -> {
            s.cancel("enough");
            assertThat(s.isCancelled()).isTrue();
            try {
                CancelScope.checkpoint();
            } catch (Cancelled c) {
                assertThat(c.reason()).isEqualTo("enough");
                assertThat(c.scope()).isSameAs(s);
                throw c;
            }
        });
        assertThat(scope.cancelledCaught()).isTrue();
        assertThat(scope.reason()).isEqualTo("enough");
    }

    @Test
    void cancellationRecordsWhoCancelledWhyAndTheCause() {
        var cause = new IllegalStateException("peer failed");
        var seen = new AtomicReference<Cancelled>();
        CancelScope.run(s -> {
            s.cancel("actor-7", "peer is gone", cause);
            try {
                CancelScope.checkpoint();
            } catch (Cancelled c) {
                seen.set(c);
                throw c;
            }
        });
        assertThat(seen.get().canceller()).isEqualTo("actor-7");
        assertThat(seen.get().reason()).isEqualTo("peer is gone");
        assertThat(seen.get().getCause()).isSameAs(cause);
        assertThat(seen.get().getMessage()).contains("peer is gone", "actor-7", "peer failed");
    }

    @Test
    void theFirstCancellationWins() {
        var scope = CancelScope.run(s -> {
            s.cancel("first");
            s.cancel("second");
        });
        assertThat(scope.reason()).isEqualTo("first");
        assertThat(scope.deadlineReached()).isFalse();
    }

    @Test
    void cancellationIsLevelTriggeredEvenInFinallyBlocks() {
        var channel = Channel.<String>open(1);
        channel.sender().send("waiting");
        var raisedInFinally = new ArrayList<Throwable>();
        var scope = CancelScope.run(s -> {
            s.cancel("stop");
            try {
                CancelScope.checkpoint();
            } finally {
                try {
                    channel.receiver().receive();
                } catch (Cancelled again) {
                    raisedInFinally.add(again);
                }
                try {
                    CancelScope.checkpoint();
                } catch (Cancelled again) {
                    raisedInFinally.add(again);
                }
            }
        });
        assertThat(scope.cancelledCaught()).isTrue();
        assertThat(raisedInFinally).hasSize(2);
        assertThat(channel.receiver().tryReceive()).contains("waiting");
    }

    @Test
    void moveOnAfterExitsSilentlyWhenTheDeadlineFiresDuringAChannelReceive() {
        var channel = Channel.<String>open(0);
        var scope = CancelScope.moveOnAfter(SHORT, s -> channel.receiver().receive());
        assertThat(scope.cancelledCaught()).isTrue();
        assertThat(scope.deadlineReached()).isTrue();
        assertThat(scope.reason()).contains("deadline", "30 ms");
    }

    @Test
    void failAfterRaisesDeadlineExceededCarryingTheTimeout() {
        var channel = Channel.<String>open(0);
        assertThatThrownBy(() -> CancelScope.failAfter(SHORT, s -> channel.receiver().receive()))
                .isInstanceOf(DeadlineExceeded.class)
                .hasMessageContaining("30 ms")
                .hasCauseInstanceOf(Cancelled.class)
                .satisfies(e -> assertThat(((DeadlineExceeded) e).timeout()).isEqualTo(SHORT));
    }

    @Test
    void failAfterReturnsTheValueWhenTheBodyFinishesInTime() {
        String value = CancelScope.failAfter(LONG, s -> "done");
        assertThat(value).isEqualTo("done");
    }

    @Test
    void theInnerDeadlineEndsOnlyTheInnerScope() {
        var channel = Channel.<String>open(0);
        var inner = new AtomicReference<CancelScope>();
        String result = CancelScope.failAfter(LONG, outer -> {
            inner.set(CancelScope.moveOnAfter(SHORT, s -> channel.receiver().receive()));
            CancelScope.checkpoint();
            return "outer went on";
        });
        assertThat(result).isEqualTo("outer went on");
        assertThat(inner.get().cancelledCaught()).isTrue();
    }

    @Test
    void anOuterDeadlineCancelsAnInnerScopeWithALaterDeadline() {
        var channel = Channel.<String>open(0);
        var inner = new AtomicReference<CancelScope>();
        assertThatThrownBy(() -> CancelScope.failAfter(SHORT, outer -> {
            try {
                CancelScope.moveOnAfter(LONG, s -> {
                    inner.set(s);
                    channel.receiver().receive();
                });
            } finally {
                assertThat(inner.get().cancelledCaught()).isFalse();
            }
            return null;
        })).isInstanceOf(DeadlineExceeded.class);
    }

    @Test
    void aShieldedScopeIsNotReachedByOuterCancellation() {
        var outer = CancelScope.run(s -> {
            s.cancel("outer");
            String value = CancelScope.shielded(inner -> {
                assertThat(inner.isEffectivelyCancelled()).isFalse();
                assertThat(Thread.currentThread().isInterrupted()).isFalse();
                CancelScope.checkpoint();
                Thread.sleep(1);
                return "cleanup done";
            });
            assertThat(value).isEqualTo("cleanup done");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            CancelScope.checkpoint();
        });
        assertThat(outer.cancelledCaught()).isTrue();
    }

    @Test
    void aCancellationArrivingWhileShieldedIsSeenOnceTheShieldIsLeft() throws Exception {
        var inShield = new CountDownLatch(1);
        var cancelled = new CountDownLatch(1);
        var afterShield = new AtomicBoolean();
        try (var nursery = Nursery.open()) {
            nursery.startSoon(() -> {
                CancelScope.shielded(s -> {
                    inShield.countDown();
                    cancelled.await();
                    return null;
                });
                afterShield.set(true);
                CancelScope.checkpoint();
                throw new AssertionError("the checkpoint after the shield did not raise");
            });
            inShield.await();
            nursery.cancel();
            cancelled.countDown();
        }
        assertThat(afterShield).isTrue();
    }

    @Test
    void zeroNegativeAndNullTimeoutsAreRejected() {
        assertThatThrownBy(() -> CancelScope.open(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> CancelScope.moveOnAfter(Duration.ofMillis(-5), s -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5000000 ns");
        assertThatThrownBy(() -> CancelScope.failAfter(null, s -> null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("timeout");
        CancelScope.run(s -> assertThatThrownBy(() -> s.deadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class));
    }

    @Test
    @SuppressWarnings("try")
    void aScopeIsClosedByTheThreadThatOpenedIt() throws Exception {
        var error = new AtomicReference<Throwable>();
        try (var scope = CancelScope.open()) {
            var other = Thread.ofVirtual().start(() -> {
                try {
                    scope.close();
                } catch (Throwable t) {
                    error.set(t);
                }
            });
            other.join();
        }
        assertThat(error.get()).isInstanceOf(WrongThreadException.class)
                .hasMessageContaining("opened it");
    }

    @Test
    void closingAnOuterScopeClosesTheScopesStillOpenInsideIt() {
        var before = CancelScope.current();
        var outer = CancelScope.open();
        var inner = CancelScope.openShielded();
        outer.cancel("outer ended");
        outer.close();
        assertThat(CancelScope.current()).isSameAs(before);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        inner.close();
        outer.close();
        assertThat(CancelScope.current()).isSameAs(before);
    }

    @Test
    void leavingACancelledScopeClearsTheInterruptItCaused() {
        try (var scope = CancelScope.open()) {
            scope.cancel();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        }
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    @SuppressWarnings("try")
    void anInterruptFromOutsideSurvivesEnteringAndLeavingScopes() {
        Thread.currentThread().interrupt();
        try (var scope = CancelScope.open()) {
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        }
        assertThat(Thread.interrupted()).as("the outside interrupt was lost").isTrue();
    }

    @Test
    void aCancellerRacingWithTheExitLeavesNoStrayInterrupt() throws Exception {
        for (int i = 0; i < 300; i++) {
            var entered = new CountDownLatch(1);
            var scopeRef = new AtomicReference<CancelScope>();
            var canceller = Thread.ofVirtual().start(() -> {
                try {
                    entered.await();
                } catch (InterruptedException e) {
                    return;
                }
                scopeRef.get().cancel("race");
            });
            CancelScope.run(s -> {
                scopeRef.set(s);
                entered.countDown();
            });
            canceller.join();
            assertThat(Thread.interrupted()).as("stray interrupt in round " + i).isFalse();
        }
    }

    @Test
    void aDeadlineWakesATaskBlockedInASocketRead() throws Exception {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                var client = new Socket(server.getInetAddress(), server.getLocalPort());
                var accepted = server.accept()) {
            var scope = inTask(() -> CancelScope.moveOnAfter(SHORT, s -> {
                int b = client.getInputStream().read();
                throw new AssertionError("read returned " + b + " from a peer that never writes");
            }));
            assertThat(scope.cancelledCaught()).isTrue();
            assertThat(accepted.isClosed()).isFalse();
        }
    }

    @Test
    void aDeadlineWakesPlainJdkBlockingCalls() throws Exception {
        var heldLock = new ReentrantLock();
        heldLock.lock();
        try {
            var queue = new ArrayBlockingQueue<String>(1);
            List<CancelScope.ScopedRun> calls = List.of(
                    s -> Thread.sleep(LONG.toMillis()),
                    s -> queue.take(),
                    s -> heldLock.lockInterruptibly(),
                    s -> new CountDownLatch(1).await());
            for (var call : calls) {
                assertThat(inTask(() -> CancelScope.moveOnAfter(SHORT, call)).cancelledCaught())
                        .isTrue();
            }
        } finally {
            heldLock.unlock();
        }
    }

    @Test
    void anInterruptedExceptionThatEscapesUncancelledBecomesCancelledWithTheFlagSet() {
        assertThatThrownBy(() -> CancelScope.run(s -> {
            throw new InterruptedException("from outside");
        })).isInstanceOf(Cancelled.class)
                .hasMessageContaining("interrupted")
                .satisfies(e -> assertThat(((Cancelled) e).scope()).isNull());
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void theInterruptOfAnInnerScopesCancelEndsWithThatScopeWhenItsExceptionLeavesLater() {
        var inner = new AtomicReference<CancelScope>();
        assertThatThrownBy(() -> CancelScope.failAfter(LONG, s -> {
            try (var scope = CancelScope.open()) {
                inner.set(scope);
                scope.cancel("inner only");
                Thread.sleep(LONG);
            }
            return null;
        })).isInstanceOfSatisfying(Cancelled.class, c -> {
            assertThat(c.scope()).isSameAs(inner.get());
            assertThat(c.getSuppressed()).singleElement().isInstanceOf(InterruptedException.class);
        });
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void theFailureThatCancelledAnInnerScopeIsRaisedWhenItTravelsWithTheInterrupt() {
        var failure = new IllegalStateException("the other side failed");
        assertThatThrownBy(() -> CancelScope.run(s -> {
            try (var scope = CancelScope.open(); var raisesOnClose = raising(failure)) {
                scope.cancel("the other side failed", failure);
                Thread.sleep(LONG);
            }
        })).isSameAs(failure);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void anInnerDeliveryDoesNotHideACancellationOfTheEnclosingScope() {
        var failure = new IllegalStateException("the other side failed");
        var outer = CancelScope.run(s -> {
            try (var scope = CancelScope.open(); var raisesOnClose = raising(failure)) {
                s.cancel("outer too");
                scope.cancel("the other side failed", failure);
                Thread.sleep(LONG);
            }
        });
        assertThat(outer.cancelledCaught()).isTrue();
    }

    /** A resource whose close raises {@code failure}, as a context left after a remote error. */
    private static AutoCloseable raising(RuntimeException failure) {
        return () -> {
            throw failure;
        };
    }

    @Test
    void checkedExceptionsOfABodyAreWrappedAndOthersPassUnchanged() {
        var io = new IOException("disk");
        assertThatThrownBy(() -> CancelScope.run(s -> {
            throw io;
        })).hasCause(io);
        var state = new IllegalStateException("bad");
        assertThatThrownBy(() -> CancelScope.call(s -> {
            throw state;
        })).isSameAs(state);
    }

    @Test
    void movingTheDeadlineReplacesTheEarlierOne() {
        var channel = Channel.<String>open(0);
        var scope = CancelScope.moveOnAfter(LONG, s -> {
            s.deadline(SHORT);
            channel.receiver().receive();
        });
        assertThat(scope.deadlineReached()).isTrue();
    }

    /** Runs {@code body} in a nursery task (a virtual thread) and returns its value. */
    private static <T> T inTask(java.util.concurrent.Callable<T> body) {
        var result = new AtomicReference<T>();
        Nursery.run(n -> {
            n.startSoon(() -> result.set(body.call()));
            return null;
        });
        return result.get();
    }
}
