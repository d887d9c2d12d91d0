package io.jtractor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.ActorNursery;
import io.jtractor.RemoteActorException;
import io.jtractor.testing.NoZombies;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A child's output reaches the parent's, tagged with the actor (A11); no context to self (P5). */
@ExtendWith(NoZombies.class)
@Timeout(60)
class OutputAndSelfTest {

    @Test
    void aChildsOutputLinesArriveInTheParentsStreamsTaggedWithItsName() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var originalOut = System.out;
        var originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try (var actors = ActorNursery.open()) {
            var talker = actors.startActor("talker", Endpoints.class);
            talker.run(Endpoints::say, "hello from the child");
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("[talker] hello from the child");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("[talker] hello from the child (on stderr)");
    }

    @Test
    void openingAContextToOnesOwnActorIsAnError() {
        try (var actors = ActorNursery.open()) {
            var loner = actors.startActor("loner", Endpoints.class);
            assertThatThrownBy(() -> loner.run(Endpoints::openContextToItself))
                    .isInstanceOfSatisfying(RemoteActorException.class, e -> {
                        assertThat(e.boxes(IllegalStateException.class)).isTrue();
                        assertThat(e.remoteMessage()).contains("own actor");
                    });
        }
    }
}
