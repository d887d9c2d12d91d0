package io.jtractor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jtractor.ActorNursery;
import io.jtractor.MessageTypeException;
import io.jtractor.Portal;
import io.jtractor.RemoteActorException;
import io.jtractor.SpawnOptions;
import io.jtractor.StreamOptions;
import io.jtractor.StreamOverrun;
import io.jtractor.internal.runtime.RuntimeProbe;
import io.jtractor.sc.CancelScope;
import io.jtractor.sc.Cancelled;
import io.jtractor.sc.Tasks;
import io.jtractor.sc.Nursery;
import io.jtractor.testing.NoZombies;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** Stream flow control, overrun policies and typed payloads (SPEC S6, E4, E5). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class FlowControlTest {

    private ActorNursery actors;
    private Portal child;

    @BeforeAll
    void spawnChild() {
        actors = ActorNursery.open();
        child = actors.startActor("flow", SpawnOptions.exposing(FlowEndpoints.class));
    }

    @AfterAll
    void closeNursery() {
        actors.close();
        NoZombies.assertNoDescendants(Duration.ofSeconds(10));
    }

    @Test
    void aMillionMessagesFromAFastSenderArriveInOrderWithinTheWindow() {
        int n = 1_000_000;
        try (var ctx = child.openContext(FlowEndpoints::produce, n)) {
            try (var stream = ctx.openStream(Integer.class)) {
                long expected = 0;
                for (Integer value : stream) {
                    assertThat(value.longValue()).isEqualTo(expected);
                    expected++;
                }
                assertThat(expected).isEqualTo(n);
            }
            assertThat(ctx.result()).isEqualTo(n);
            assertThat(RuntimeProbe.maxBufferedMessages(ctx))
                    .isPositive().isLessThanOrEqualTo(StreamOptions.DEFAULT_MSG_BUFFER_SIZE);
        }
    }

    @Test
    void aStalledStreamDoesNotHoldUpAnotherContextOnTheSameConnection() {
        try (var stalled = child.openContext(FlowEndpoints::produceForever)) {
            var stream = stalled.openStream();
            try (var echo = child.openContext(FlowEndpoints::echoWithBufferOfOne)) {
                try (var pings = echo.openStream(String.class)) {
                    for (int i = 0; i < 200; i++) {
                        pings.send("ping " + i);
                        assertThat(pings.receive()).isEqualTo("ping " + i);
                    }
                }
                echo.result();
            }
            assertThat(stream.receive()).isEqualTo(0L);
        }
    }

    @Test
    void aSenderBlockedOnCreditIsCancelledByADeadlineAndTheContextEndsCleanly() {
        try (var ctx = child.openContext(FlowEndpoints::neverRead)) {
            try (var stream = ctx.openStream()) {
                var sent = new int[1];
                var scope = CancelScope.moveOnAfter(Duration.ofMillis(300), s -> {
                    while (true) {
                        stream.send(sent[0]);
                        sent[0]++;
                    }
                });
                assertThat(scope.cancelledCaught()).isTrue();
                assertThat(sent[0]).isEqualTo(StreamOptions.DEFAULT_MSG_BUFFER_SIZE);
            }
        }
    }

    @Test
    void bufferOfOneOnEachSideStillEchoesEverythingInOrder() {
        try (var ctx = child.withStreamOptions(StreamOptions.defaults().withMsgBufferSize(1))
                .openContext(FlowEndpoints::echoWithBufferOfOne)) {
            try (var stream = ctx.openStream(Integer.class)) {
                var echoed = new ArrayList<Integer>();
                Nursery.run(tasks -> {
                    tasks.startSoon(() -> {
                        for (int i = 0; i < 2_000; i++) {
                            stream.send(i);
                        }
                    });
                    for (int i = 0; i < 2_000; i++) {
                        echoed.add(stream.receive());
                    }
                    return null;
                });
                assertThat(echoed).hasSize(2_000).isSorted();
                assertThat(RuntimeProbe.maxBufferedMessages(ctx)).isEqualTo(1);
            }
        }
    }

    @Test
    void allowOverrunsAbsorbsABurstBeyondTheBuffer() {
        var options = StreamOptions.defaults().withMsgBufferSize(16).withAllowOverruns(200);
        try (var ctx = child.withStreamOptions(options).openContext(FlowEndpoints::produce, 150)) {
            assertThat(ctx.result()).isEqualTo(150);
        }
        try (var ctx = child.withStreamOptions(options).openContext(FlowEndpoints::produce, 150)) {
            try (var stream = ctx.openStream(Integer.class)) {
                var got = new ArrayList<Integer>();
                stream.forEach(got::add);
                assertThat(got).hasSize(150).isSorted();
            }
            assertThat(RuntimeProbe.reportedOverrun(ctx)).isFalse();
        }
    }

    /**
     * The parent holds its stream open without reading: the child's burst overflows the
     * buffer of four, the parent drops the rest and tells the child once; the child's task fails
     * with that StreamOverrun and relays it back, which cancels the waiting parent.
     */
    @Test
    void theOverrunPolicyDropsAndFailsTheSenderWithOneStreamOverrun() {
        var key = "flood-" + System.nanoTime();
        var options = StreamOptions.defaults().withMsgBufferSize(4).withOverrunPolicy();
        var opened = new ArrayList<io.jtractor.Context>();
        var thrown = catchThrowable(() -> {
            try (var ctx = child.withStreamOptions(options)
                    .openContext(FlowEndpoints::flood, 50, key)) {
                opened.add(ctx);
                try (var stream = ctx.openStream()) {
                    Tasks.sleepForever();
                }
            }
        });
        assertThat(thrown).isInstanceOf(Cancelled.class)
                .cause().isInstanceOfSatisfying(StreamOverrun.class, e -> {
                    assertThat(e.sender()).isEqualTo(child.actor());
                    assertThat(e.source()).isEqualTo(io.jtractor.Actor.id());
                    assertThat(e.relayPath()).endsWith(child.actor());
                });
        assertThat(RuntimeProbe.reportedOverrun(opened.get(0))).isTrue();
        assertThat(RuntimeProbe.maxBufferedMessages(opened.get(0))).isEqualTo(4);
        assertThat(child.run(FlowEndpoints::event, key, 10_000))
                .isEqualTo("overrun sender=flow");
    }

    /**
     * The child floods a buffer of four and returns normally, whether or not the parent's
     * StreamOverrun reached it first: the parent gets what it buffered, then a StreamOverrun of
     * its own that names the sender and counts the dropped messages, from the stream and from
     * result(), instead of a clean end of stream.
     */
    @Test
    void messagesDroppedBeforeTheSenderReturnedRaiseAStreamOverrunOnThisSide() {
        var key = "flood-return-" + System.nanoTime();
        var options = StreamOptions.defaults().withMsgBufferSize(4).withOverrunPolicy();
        try (var ctx = child.withStreamOptions(options)
                .openContext(FlowEndpoints::floodAndReturn, 200, key)) {
            try (var stream = ctx.openStream(Integer.class)) {
                var sentText = child.run(FlowEndpoints::event, key, 10_000);
                assertThat(sentText).matches("(sent|told after) \\d+");
                int sent = Integer.parseInt(sentText.substring(sentText.lastIndexOf(' ') + 1));
                var got = new ArrayList<Integer>();
                var end = catchThrowable(() -> {
                    while (true) {
                        got.add(stream.receive());
                    }
                });
                assertThat(got).containsExactly(0, 1, 2, 3);
                assertThat(end).isInstanceOfSatisfying(StreamOverrun.class, e -> {
                    assertThat(e.sender()).isEqualTo(child.actor());
                    assertThat(e.source()).isEqualTo(io.jtractor.Actor.id());
                    assertThat(e.getMessage()).contains((sent - 4) + " messages from "
                            + child.actor() + " were dropped");
                });
                assertThatThrownBy(stream::receive).isSameAs(end);
            }
            assertThatThrownBy(ctx::result).isInstanceOf(StreamOverrun.class);
        }
    }

    @Test
    void aStartedValueOfTheWrongTypeIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> child.openContext(FlowEndpoints::startsWithTheWrongType))
                .isInstanceOfSatisfying(RemoteActorException.class, e -> {
                    assertThat(e.boxes(MessageTypeException.class)).isTrue();
                    assertThat(e.remoteMessage()).contains("expects java.lang.Integer",
                            "found java.lang.String", "eleven", "nothing was sent");
                });
    }

    @Test
    void aStreamMessageOfTheWrongTypeFailsTheContextOnBothSides() {
        var key = "typed-" + System.nanoTime();
        var raised = new ArrayList<Throwable>();
        assertThatThrownBy(() -> {
            try (var ctx = child.openContext(FlowEndpoints::streamsTheWrongType, key)) {
                assertThat(ctx.first()).isEqualTo(2);
                try (var stream = ctx.openStream()) {
                    assertThat(stream.receive()).isEqualTo(1);
                    assertThat(stream.receive()).isEqualTo(2);
                    try {
                        stream.receive();
                    } catch (RuntimeException e) {
                        raised.add(e);
                        throw e;
                    }
                }
            }
        }).isInstanceOfSatisfying(MessageTypeException.class, e -> {
            assertThat(e.getMessage()).contains("expected java.lang.Integer",
                    "found String: three");
            assertThat(e.sender()).isEqualTo(child.actor());
        });
        assertThat(raised).singleElement().isInstanceOf(MessageTypeException.class);
        assertThat(child.run(FlowEndpoints::event, key, 10_000))
                .startsWith("RemoteActorException").contains("MessageTypeException");
    }

    @Test
    void aReturnValueThatDoesNotDecodeIsAMessageTypeError() {
        try (var ctx = child.openContext(FlowEndpoints::returnsText)) {
            assertThatThrownBy(() -> ctx.result(Integer.class))
                    .isInstanceOf(MessageTypeException.class)
                    .hasMessageContaining("expected java.lang.Integer")
                    .hasMessageContaining("not a number");
        }
    }
}
