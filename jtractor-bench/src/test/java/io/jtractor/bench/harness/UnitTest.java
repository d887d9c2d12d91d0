package io.jtractor.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitTest {

    @Test
    void valuesAreWrittenWithThreeSignificantDigits() {
        assertThat(Unit.MICROS.format(18.44)).isEqualTo("18.4 us");
        assertThat(Unit.MICROS.format(5.5)).isEqualTo("5.50 us");
        assertThat(Unit.MICROS.format(4876.2)).isEqualTo("4876 us");
        assertThat(Unit.MILLIS.format(412.7)).isEqualTo("413 ms");
        assertThat(Unit.SECONDS.format(4.187)).isEqualTo("4.19 s");
        assertThat(Unit.MEBIBYTES.format(43.12)).isEqualTo("43.1 MiB");
    }

    @Test
    void largeValuesMoveToTheNextUnit() {
        assertThat(Unit.MICROS.format(12_345)).isEqualTo("12.3 ms");
        assertThat(Unit.MILLIS.format(15_250)).isEqualTo("15.3 s");
        assertThat(Unit.MESSAGES_PER_SECOND.format(2.314e6)).isEqualTo("2.31 M msg/s");
        assertThat(Unit.MESSAGES_PER_SECOND.format(129_400)).isEqualTo("129 k msg/s");
        assertThat(Unit.MESSAGES_PER_SECOND.format(950)).isEqualTo("950 msg/s");
    }

    @Test
    void figureShowsItsDetailInParentheses() {
        var rate = new Figure(2.0e6, Unit.MESSAGES_PER_SECOND, "16.0 MB/s");

        assertThat(rate.text()).isEqualTo("2.00 M msg/s (16.0 MB/s)");
        assertThat(Figure.of(3, Unit.SECONDS).text()).isEqualTo("3.00 s");
    }
}
