package io.jtractor.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jtractor.ActorNursery;
import io.jtractor.Context;
import io.jtractor.Portal;
import io.jtractor.RemoteActorException;
import io.jtractor.SpawnOptions;
import io.jtractor.testing.NoZombies;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed #27: the context and stream dialog of an fsp cascade in a real child, opened by name
 * with named arguments.
 */
@ExtendWith(NoZombies.class)
@Timeout(60)
class CascadeTest {

    private static final String CASCADE = Cascade.class.getName() + ":cascade";
    private static final double[] CLOSES = {10, 11, 12, 13, 14, 15};

    @Test
    void cascadeFollowsSourceStepsAndResyncsAfterABackfill() {
        try (var actors = ActorNursery.open()) {
            var fsp = startFsp(actors);
            fsp.run(Cascade::writeArray, "src", CLOSES);

            try (var ctx = openCascade(fsp, "sma3", "jtractor.fsp:sma3", false);
                    var client = ctx.openStream(String.class)) {
                assertThat(ctx.first(Integer.class)).isEqualTo(CLOSES.length - 1);
                expectArray(fsp, "sma3", new double[] {10, 10.5, 11, 12, 13, 14});

                assertThat(fsp.run(Cascade::appendBar, "src", 16.0)).isEqualTo(CLOSES.length);
                assertThat(fsp.run(Cascade::awaitLength, "sma3", CLOSES.length + 1)).isTrue();
                var stepped = fsp.run(Cascade::readArray, "sma3");
                assertThat(stepped[CLOSES.length]).as("a step copies the last output row")
                        .isEqualTo(stepped[CLOSES.length - 1]);

                fsp.run(Cascade::prependHistory, "src", new double[] {5, 6, 7, 8, 9});
                fsp.run(Cascade::appendBar, "src", 17.0);
                assertThat(client.receive()).isEqualTo(Cascade.UPDATE);
                assertThat(fsp.run(Cascade::readArray, "src"))
                        .containsExactly(5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
                expectArray(fsp, "sma3",
                        new double[] {5, 5.5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
            }
        }
    }

    @Test
    void zeroOnStepAppendsZeroRowsAndUnknownProcessorsFailToOpen() {
        try (var actors = ActorNursery.open()) {
            var fsp = startFsp(actors);
            fsp.run(Cascade::writeArray, "src", CLOSES);

            try (var ctx = openCascade(fsp, "change", "jtractor.fsp:change", true);
                    var client = ctx.openStream(String.class)) {
                assertThat(ctx.first(Integer.class)).isEqualTo(CLOSES.length - 1);
                expectArray(fsp, "change", new double[] {0, 1, 1, 1, 1, 1});
                fsp.run(Cascade::appendBar, "src", 20.0);
                assertThat(fsp.run(Cascade::awaitLength, "change", CLOSES.length + 1)).isTrue();
                assertThat(fsp.run(Cascade::readArray, "change")[CLOSES.length]).isZero();
                assertThat(client.context()).isSameAs(ctx);
            }

            assertThatThrownBy(() -> openCascade(fsp, "rsi", "jtractor.fsp:rsi", false))
                    .isInstanceOfSatisfying(RemoteActorException.class, e -> {
                        assertThat(e.boxes(IllegalArgumentException.class)).isTrue();
                        assertThat(e.remoteMessage()).contains("jtractor.fsp:rsi");
                    });
        }
    }

    private static Portal startFsp(ActorNursery actors) {
        return actors.startActor("fsp", SpawnOptions.exposing(Cascade.class));
    }

    private static Context openCascade(Portal fsp, String dstToken, String nsPath,
            boolean zeroOnStep) {
        return fsp.openContext(CASCADE, Map.of(
                "fqsn", "btcusdt.fake",
                "srcToken", "src",
                "dstToken", dstToken,
                "nsPath", nsPath,
                "zeroOnStep", zeroOnStep));
    }

    private static void expectArray(Portal fsp, String token, double[] expected) {
        assertThat(fsp.run(Cascade::readArray, token)).containsExactly(expected, within(1e-9));
    }
}
