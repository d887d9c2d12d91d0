package io.jtractor.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.bench.harness.Target.AtLeast;
import io.jtractor.bench.harness.Target.RatioAtLeast;
import io.jtractor.bench.harness.Target.RatioAtMost;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowTest {

    private static Row latency(double jtractorMicros, double rawMicros) {
        return Row.of("rpc", Figure.of(jtractorMicros, Unit.MICROS),
                Figure.of(rawMicros, Unit.MICROS), Target.of(new RatioAtMost(1.5)), List.of());
    }

    @Test
    void costRatioIsJtractorOverBaselineAndMeetsItsLimitInclusively() {
        assertThat(latency(30, 20).ratio()).hasValue(1.5);
        assertThat(latency(30, 20).verdict()).isEqualTo(Verdict.MET);
        assertThat(latency(30.3, 20).verdict()).isEqualTo(Verdict.MISSED);
        assertThat(latency(10, 20).verdict()).isEqualTo(Verdict.MET);
    }

    @Test
    void rateTargetNeedsBothTheRatioAndTheAbsoluteRate() {
        var target = Target.of(new RatioAtLeast(0.5),
                new AtLeast(2e6, Unit.MESSAGES_PER_SECOND));

        var fastEnough = Row.of("stream", Figure.of(3e6, Unit.MESSAGES_PER_SECOND),
                Figure.of(5e6, Unit.MESSAGES_PER_SECOND), target, List.of());
        var ratioOnly = Row.of("stream", Figure.of(1.5e6, Unit.MESSAGES_PER_SECOND),
                Figure.of(2e6, Unit.MESSAGES_PER_SECOND), target, List.of());
        var rateOnly = Row.of("stream", Figure.of(2.5e6, Unit.MESSAGES_PER_SECOND),
                Figure.of(11e6, Unit.MESSAGES_PER_SECOND), target, List.of());

        assertThat(fastEnough.verdict()).isEqualTo(Verdict.MET);
        assertThat(ratioOnly.verdict()).isEqualTo(Verdict.MISSED);
        assertThat(rateOnly.verdict()).isEqualTo(Verdict.MISSED);
        assertThat(target.text()).isEqualTo(">= 0.50x and >= 2.00 M msg/s");
    }

    @Test
    void speedupRatioIsBaselineOverJtractor() {
        var demo = new Row("demo", Figure.of(2.5, Unit.SECONDS), Figure.of(5.0, Unit.SECONDS),
                true, Target.of(new RatioAtLeast(1.6)), List.of());

        assertThat(demo.ratio()).hasValue(2.0);
        assertThat(demo.ratioText()).isEqualTo("2.00x speedup");
        assertThat(demo.verdict()).isEqualTo(Verdict.MET);
    }

    @Test
    void missingFigureIsNotMeasuredWhateverTheTarget() {
        var failed = Row.of("rss", null, Figure.of(40, Unit.MEBIBYTES),
                Target.of(new RatioAtMost(1.5)), List.of("failed"));

        assertThat(failed.ratio()).isEmpty();
        assertThat(failed.ratioText()).isEqualTo("-");
        assertThat(failed.verdict()).isEqualTo(Verdict.NOT_MEASURED);
    }

    @Test
    void rowWithoutTargetIsReportedWithoutVerdict() {
        var row = Row.of("teardown", Figure.of(900, Unit.MILLIS), Figure.of(12, Unit.MILLIS),
                Target.NONE, List.of());

        assertThat(row.verdict()).isEqualTo(Verdict.NO_TARGET);
        assertThat(row.ratioText()).isEqualTo("75x");
        assertThat(Target.NONE.text()).isEqualTo("-");
    }

    @Test
    void figuresOfDifferentUnitsCannotShareARowNorAnAbsoluteTarget() {
        assertThatThrownBy(() -> Row.of("x", Figure.of(1, Unit.MILLIS),
                Figure.of(1, Unit.SECONDS), Target.NONE, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ms")
                .hasMessageContaining("s");
        var wrongUnit = Row.of("x", Figure.of(1, Unit.MILLIS), Figure.of(1, Unit.MILLIS),
                Target.of(new AtLeast(1, Unit.MESSAGES_PER_SECOND)), List.of());
        assertThatThrownBy(wrongUnit::verdict).isInstanceOf(IllegalArgumentException.class);
    }
}
