package io.jtractor.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtractor.ActorNursery;
import io.jtractor.SpawnOptions;
import io.jtractor.testing.NoZombies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed #7: a sampler's per-period subscriber registry, in a real child. */
@ExtendWith(NoZombies.class)
@Timeout(60)
class OhlcSamplerTest {

    @Test
    void subscribersGetTheStepsOfTheirPeriodUntilTheirContextEnds() {
        try (var actors = ActorNursery.open()) {
            var sampler = actors.startActor("samplerd", SpawnOptions.exposing(OhlcSampler.class));

            try (var second = sampler.openContext(OhlcSampler::iterOhlcPeriods, 1);
                    var secondSteps = second.openStream(Long.class);
                    var minute = sampler.openContext(OhlcSampler::iterOhlcPeriods, 60);
                    var minuteSteps = minute.openStream(Long.class)) {
                try (var another = sampler.openContext(OhlcSampler::iterOhlcPeriods, 1);
                        var anotherSteps = another.openStream(Long.class)) {
                    assertThat(sampler.run(OhlcSampler::awaitSubscribers, 1, 2)).isTrue();
                    assertThat(sampler.run(OhlcSampler::awaitSubscribers, 60, 1)).isTrue();

                    assertThat(sampler.run(OhlcSampler::broadcastStep, 1)).isEqualTo(2);
                    assertThat(sampler.run(OhlcSampler::broadcastStep, 1)).isEqualTo(2);
                    assertThat(sampler.run(OhlcSampler::broadcastStep, 60)).isEqualTo(1);

                    assertThat(secondSteps.receive()).isEqualTo(1L);
                    assertThat(secondSteps.receive()).isEqualTo(2L);
                    assertThat(anotherSteps.receive()).isEqualTo(1L);
                    assertThat(anotherSteps.receive()).isEqualTo(2L);
                    assertThat(minuteSteps.receive())
                            .as("the minute subscriber got none of the second steps")
                            .isEqualTo(3L);
                }

                assertThat(sampler.run(OhlcSampler::awaitSubscribers, 1, 1))
                        .as("a cancelled subscription leaves the registry").isTrue();
                assertThat(sampler.run(OhlcSampler::broadcastStep, 1)).isEqualTo(1);
                assertThat(secondSteps.receive()).isEqualTo(4L);
            }
            assertThat(sampler.run(OhlcSampler::awaitSubscribers, 1, 0)).isTrue();
            assertThat(sampler.run(OhlcSampler::awaitSubscribers, 60, 0)).isTrue();
        }
    }
}
