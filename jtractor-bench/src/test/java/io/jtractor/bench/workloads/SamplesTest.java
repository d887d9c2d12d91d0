package io.jtractor.bench.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void nearestRankPercentilesOfAHundredSamplesAreTheSamplesOfThatRank() {
        var samples = new Samples(4);
        LongStream.rangeClosed(1, 100).map(i -> 101 - i).forEach(samples::add);

        assertThat(samples.size()).isEqualTo(100);
        assertThat(samples.percentile(50)).isEqualTo(50);
        assertThat(samples.percentile(99)).isEqualTo(99);
        assertThat(samples.percentile(100)).isEqualTo(100);
        assertThat(samples.percentile(0.5)).isEqualTo(1);
    }

    @Test
    void percentileRoundsTheRankUpToAnActualSample() {
        long[] sorted = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};

        assertThat(Samples.nearestRank(sorted, 50)).isEqualTo(50);
        assertThat(Samples.nearestRank(sorted, 51)).isEqualTo(60);
        assertThat(Samples.nearestRank(sorted, 99)).isEqualTo(100);
        assertThat(Samples.nearestRank(new long[] {7}, 99)).isEqualTo(7);
    }

    @Test
    void percentileRefusesNoSamplesAndRanksOutsideTheRange() {
        assertThatThrownBy(() -> new Samples(1).percentile(50))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Samples.nearestRank(new long[] {1}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 100]");
        assertThatThrownBy(() -> Samples.nearestRank(new long[] {1}, 100.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void samplesGrowPastTheExpectedCount() {
        var samples = new Samples(1);
        for (int i = 0; i < 1000; i++) {
            samples.add(i);
        }

        assertThat(samples.size()).isEqualTo(1000);
        assertThat(samples.percentile(100)).isEqualTo(999);
    }

    @Test
    void medianIsTheLowerMiddleOfAnEvenCountAndTheMiddleOfAnOddOne() {
        assertThat(Samples.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Samples.median(new double[] {4, 1, 3, 2})).isEqualTo(2);
        assertThat(Samples.median(new double[] {5})).isEqualTo(5);
    }
}
