package io.jtractor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtractor.ActorNursery;
import io.jtractor.Context;
import io.jtractor.ContextCancelled;
import io.jtractor.MessageTypeException;
import io.jtractor.ModuleNotExposed;
import io.jtractor.MsgStream;
import io.jtractor.Portal;
import io.jtractor.SpawnOptions;
import io.jtractor.internal.ipc.FrameReader;
import io.jtractor.ActorId;
import io.jtractor.internal.msg.Msg;
import io.jtractor.testing.NoZombies;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input never takes an actor down or disturbs its other dialogs (SPEC W5): each test speaks
 * to a real child actor through a raw socket ({@link RawPeer}) while a context opened by the
 * normal API on the same actor keeps echoing before and after the bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class BadInputTest {

    private static final String ENDPOINTS = Endpoints.class.getName();

    private ActorNursery actors;
    private Portal child;
    private int port;
    private Context echo;
    private MsgStream<Integer> echoStream;
    private int echoed;

    @BeforeAll
    void spawnChild() {
        actors = ActorNursery.open();
        child = actors.startActor("bad-input-child", SpawnOptions.exposing(Endpoints.class));
        port = child.run(Endpoints::listenPort);
    }

    @AfterAll
    void closeNursery() {
        actors.close();
        NoZombies.assertNoDescendants(Duration.ofSeconds(10));
    }

    @BeforeEach
    void openEcho() {
        echo = child.openContext(Endpoints::echo);
        echoStream = echo.openStream(Integer.class);
        assertEchoWorks();
    }

    @AfterEach
    void closeEcho() {
        assertEchoWorks();
        echoStream.close();
        echo.result();
        echo.close();
        assertThat(child.run(Endpoints::add, 20, 22)).isEqualTo(42);
    }

    private void assertEchoWorks() {
        echoStream.send(++echoed);
        assertThat(echoStream.receive()).isEqualTo(echoed);
    }

    @Test
    void aFirstFrameThatIsNotAnAidDropsTheConnection() throws Exception {
        try (var raw = RawPeer.connect(port)) {
            raw.send(new Msg.Stop(RawPeer.newCid()));
            assertThat(raw.receive()).isNull();
        }
    }

    @Test
    void aFrameThatIsNotMsgpackIsAnsweredWithAnErrorAndTheConnectionGoesOn() throws Exception {
        try (var raw = RawPeer.connectAndGreet(port)) {
            raw.sendBody(new byte[] {(byte) 0xc1, 0x00, 0x01});
            assertThat(raw.receive()).isInstanceOfSatisfying(Msg.ErrorMsg.class, err -> {
                assertThat(err.srcTypeStr()).isEqualTo(MessageTypeException.class.getName());
                assertThat(err.message()).contains("malformed", "not valid msgpack");
                assertThat(err.cid()).isNull();
            });
            assertEchoWorks();
            assertThat(raw.ping()).isTrue();
        }
    }

    @Test
    void aLengthOverTheLimitClosesThatConnectionCleanly() throws Exception {
        try (var raw = RawPeer.connectAndGreet(port)) {
            raw.sendBytes(RawPeer.prefix(FrameReader.DEFAULT_MAX_FRAME_BYTES + 1L));
            assertThat(raw.receive()).isNull();
        }
        assertEchoWorks();
        try (var again = RawPeer.connectAndGreet(port)) {
            assertThat(again.ping()).isTrue();
        }
    }

    @Test
    void aFrameCutShortByThePeerHangingUpEndsOnlyThatConnection() throws Exception {
        try (var raw = RawPeer.connectAndGreet(port)) {
            raw.sendBytes(RawPeer.prefix(100));
            raw.sendBytes(new byte[10]);
            raw.shutdownOutput();
            assertThat(raw.receive()).isNull();
        }
        assertEchoWorks();
        try (var again = RawPeer.connectAndGreet(port)) {
            assertThat(again.ping()).isTrue();
        }
    }

    @Test
    void anUnknownMessageTypeIsAnsweredWithAnErrorAndTheConnectionGoesOn() throws Exception {
        try (var raw = RawPeer.connectAndGreet(port)) {
            raw.sendBody(msgpackMap("msg_type", "Bogus", "cid", RawPeer.newCid()));
            assertThat(raw.receive()).isInstanceOfSatisfying(Msg.ErrorMsg.class, err -> {
                assertThat(err.srcTypeStr()).isEqualTo(MessageTypeException.class.getName());
                assertThat(err.message()).contains("unknown msg_type \"Bogus\"");
            });
            assertThat(raw.ping()).isTrue();
        }
    }

    @Test
    void aMessageForAnUnknownContextIsAnsweredWithAnErrorForThatContext() throws Exception {
        try (var raw = RawPeer.connectAndGreet(port)) {
            var cid = RawPeer.newCid();
            raw.send(new Msg.Yield(cid, null));
            assertThat(raw.receive()).isInstanceOfSatisfying(Msg.ErrorMsg.class, err -> {
                assertThat(err.srcTypeStr()).isEqualTo(MessageTypeException.class.getName());
                assertThat(err.cid()).isEqualTo(cid);
                assertThat(err.message()).contains(cid, "does not have");
            });
            assertThat(raw.ping()).isTrue();
        }
    }

    @Test
    void aStartForAClassNotExposedIsAnsweredWithModuleNotExposed() throws Exception {
        try (var raw = RawPeer.connectAndGreet(port)) {
            var cid = RawPeer.newCid();
            raw.send(raw.start(cid, "java.lang.Runtime", "getRuntime", Map.of()));
            assertThat(raw.receiveFor(cid)).isInstanceOfSatisfying(Msg.ErrorMsg.class, err -> {
                assertThat(err.srcTypeStr()).isEqualTo(ModuleNotExposed.class.getName());
                assertThat(err.message()).contains("java.lang.Runtime is not exposed");
            });
            assertThat(raw.ping()).isTrue();
        }
    }

    @Test
    void aStartWhoseCallerIsNotThePeerIsRefused() throws Exception {
        try (var raw = RawPeer.connectAndGreet(port)) {
            var cid = RawPeer.newCid();
            var impostor = ActorId.random("impostor");
            var start = raw.start(cid, ENDPOINTS, "add", Map.of("a", 1, "b", 2));
            raw.send(new Msg.Start(cid, start.ns(), start.func(), start.kwargs(), impostor));
            assertThat(raw.receiveFor(cid)).isInstanceOfSatisfying(Msg.ErrorMsg.class, err -> {
                assertThat(err.srcTypeStr()).isEqualTo(IllegalArgumentException.class.getName());
                assertThat(err.message()).contains(impostor.toString(), raw.id().toString());
            });
            assertThat(raw.ping()).isTrue();
        }
    }

    @Test
    void aWrongArgumentTypeIsAnsweredWithAnArgumentError() throws Exception {
        try (var raw = RawPeer.connectAndGreet(port)) {
            var cid = RawPeer.newCid();
            raw.send(raw.start(cid, ENDPOINTS, "add", Map.of("a", "one", "b", 2)));
            assertThat(raw.receiveFor(cid)).isInstanceOfSatisfying(Msg.ErrorMsg.class, err -> {
                assertThat(err.srcTypeStr()).isEqualTo(IllegalArgumentException.class.getName());
                assertThat(err.message()).contains("argument 'a'", "add(int a, int b)");
            });
            var ok = RawPeer.newCid();
            raw.send(raw.start(ok, ENDPOINTS, "add", Map.of("a", 1, "b", 2)));
            assertThat(raw.receiveFor(ok)).isInstanceOf(Msg.StartAck.class);
            assertThat(raw.receiveFor(ok)).isInstanceOf(Msg.Return.class);
        }
    }

    @Test
    void aTaskCancelledWhileItsPeerDoesNotReadLeavesTheConnectionWorking() throws Exception {
        var key = "flood-" + System.nanoTime();
        try (var raw = RawPeer.connectAndGreet(port)) {
            var cid = RawPeer.newCid();
            raw.send(raw.start(cid, ENDPOINTS, "flood", Map.of("key", key,
                    "chunkBytes", 256 * 1024)));
            assertThat(raw.receiveFor(cid)).isInstanceOf(Msg.StartAck.class);
            assertThat(raw.receiveFor(cid)).isInstanceOf(Msg.Started.class);
            assertThat(child.run(Endpoints::awaitEvent, key + ".flowing", 10_000))
                    .isEqualTo("flowing");

            // The raw peer reads nothing until the task has been cancelled.
            var cancel = RawPeer.newCid();
            raw.send(raw.start(cancel, "self", "_cancel_task", Map.of("cid", cid)));
            assertThat(child.run(Endpoints::awaitEvent, key, 10_000)).startsWith("cancelled");

            var received = new ArrayList<Msg>();
            Msg msg;
            while ((msg = raw.receive()) != null) {
                received.add(msg);
                if (msg instanceof Msg.CancelAck ack && ack.cid().equals(cancel)) {
                    break;
                }
            }
            // A task that ends by failing (here: cancelled) sends no Stop: its Error alone ends
            // the peer's stream, so that the peer sees the failure, not a graceful end.
            var flood = received.stream().filter(m -> cid.equals(m.cid())).toList();
            var tail = flood.subList(flood.size() - 1, flood.size());
            assertThat(flood.subList(0, flood.size() - 1)).isNotEmpty()
                    .allMatch(m -> m instanceof Msg.Yield);
            assertThat(tail.get(0)).isInstanceOfSatisfying(Msg.ErrorMsg.class, err -> assertThat(
                    err.srcTypeStr()).isEqualTo(ContextCancelled.class.getName()));
            assertThat(received.stream().filter(m -> cancel.equals(m.cid())))
                    .hasExactlyElementsOfTypes(Msg.StartAck.class, Msg.CancelAck.class);
            assertThat(((Msg.CancelAck) received.getLast()).pld()).isTrue();
            assertThat(received.indexOf(received.getLast()))
                    .isGreaterThan(received.indexOf(tail.get(0)));
            assertThat(raw.ping()).isTrue();
        }
    }

    /** A msgpack map of string keys and string values, written by hand. */
    private static byte[] msgpackMap(String... keysAndValues) {
        var body = new ByteArrayOutputStream();
        body.write(0x80 | keysAndValues.length / 2);
        for (var s : keysAndValues) {
            var utf8 = s.getBytes(StandardCharsets.UTF_8);
            body.write(0xd9);
            body.write(utf8.length);
            body.writeBytes(utf8);
        }
        return body.toByteArray();
    }
}
