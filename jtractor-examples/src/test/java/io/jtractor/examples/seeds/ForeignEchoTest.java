package io.jtractor.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.ActorNursery;
import io.jtractor.ContextCancelled;
import io.jtractor.Portal;
import io.jtractor.SpawnOptions;
import io.jtractor.sc.EndOfChannel;
import io.jtractor.testing.NoZombies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seeds #14, #16: echo servers whose echoing runs on a thread outside the runtime's tasks,
 * driven from the parent of a real child.
 */
@ExtendWith(NoZombies.class)
@Timeout(60)
class ForeignEchoTest {

    /** Untyped integers decode as Long, so they are sent as Long. */
    private static final List<Object> MESSAGES = List.of("a", 1L, 2.5, List.of("x"),
            Map.of("k", "v"));

    @Test
    void foreignLoopEchoesUntilTheNullSentinelEndsIt() {
        try (var actors = ActorNursery.open()) {
            var echoer = startEchoer(actors);

            try (var ctx = echoer.openContext(ForeignEcho::echoUntilSentinel)) {
                assertThat(ctx.first()).isEqualTo(ForeignEcho.FIRST);
                try (var stream = ctx.openStream()) {
                    for (var msg : MESSAGES) {
                        stream.send(msg);
                        assertThat(stream.receive()).isEqualTo(msg);
                    }
                    stream.send(null);
                    assertThat(stream.receive()).isNull();
                    assertThatThrownBy(stream::receive).isInstanceOf(EndOfChannel.class);
                }
                assertThat(ctx.result()).isNull();
            }
            assertThat(echoer.run(ForeignEcho::runningForeignLoops)).isZero();
        }
    }

    @Test
    void foreignLoopEchoesUntilTheParentLeavesAndEndsWithTheContext() {
        try (var actors = ActorNursery.open()) {
            var echoer = startEchoer(actors);

            try (var ctx = echoer.openContext(ForeignEcho::echoUntilClosed)) {
                assertThat(ctx.first()).isEqualTo(ForeignEcho.FIRST);
                try (var stream = ctx.openStream()) {
                    for (var msg : MESSAGES) {
                        stream.send(msg);
                        assertThat(stream.receive()).isEqualTo(msg);
                    }
                }
                assertThat(ctx.result()).isNull();
            }
            assertThat(echoer.run(ForeignEcho::runningForeignLoops)).isZero();

            try (var ctx = echoer.openContext(ForeignEcho::echoUntilClosed)) {
                assertThat(echoer.run(ForeignEcho::runningForeignLoops)).isEqualTo(1);
                ctx.cancel();
                assertThat(ctx.result()).isInstanceOf(ContextCancelled.class);
            }
            assertThat(echoer.run(ForeignEcho::runningForeignLoops))
                    .as("a cancelled endpoint stops its foreign loop").isZero();
        }
    }

    private static Portal startEchoer(ActorNursery actors) {
        return actors.startActor("aio_echoer", SpawnOptions.exposing(ForeignEcho.class));
    }
}
