package io.jtractor.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.assertj.core.data.Offset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTest {

    private static DriverResult result(Job job, Map<String, Double> values, List<String> notes,
            int exitCode) {
        return new DriverResult(job, values, notes, exitCode, Duration.ofSeconds(1),
                Path.of("/tmp", job.id() + ".log"));
    }

    @Test
    void latencyTargetAppliesToTheOneCpuMedianOnly() {
        var jobs = Plan.jobs(Workload.RPC);
        var values = Map.of("jtractor.median_us", 30.0, "raw.median_us", 20.0,
                "jtractor.p99_us", 90.0, "raw.p99_us", 40.0);

        var rows = Plan.rows(Workload.RPC, List.of(result(jobs.get(0), values, List.of(), 0),
                result(jobs.get(1), values, List.of(), 0)));

        assertThat(rows).extracting(Row::workload).containsExactly(
                "RPC round trip (portal.run), 1 CPU, median",
                "RPC round trip (portal.run), 1 CPU, p99",
                "RPC round trip (portal.run), 2 CPUs, median",
                "RPC round trip (portal.run), 2 CPUs, p99");
        assertThat(rows).extracting(Row::verdict).containsExactly(Verdict.MET,
                Verdict.NO_TARGET, Verdict.NO_TARGET, Verdict.NO_TARGET);
    }

    @Test
    void smallPayloadStreamAlsoNeedsTwoMillionMessagesPerSecond() {
        var jobs = Plan.jobs(Workload.STREAM);
        var values = Map.of("jtractor.msgs_per_s", 1.5e6, "raw.msgs_per_s", 2.0e6,
                "frame_bytes", 76.0);

        var rows = Plan.rows(Workload.STREAM, List.of(result(jobs.get(0), values, List.of(), 0),
                result(jobs.get(1), values, List.of(), 0)));

        assertThat(rows.get(0).workload()).isEqualTo("stream, 8 B payload (76 B frames)");
        assertThat(rows.get(0).verdict()).isEqualTo(Verdict.MISSED);
        assertThat(rows.get(0).jtractor().text()).isEqualTo("1.50 M msg/s (12.0 MB/s)");
        assertThat(rows.get(1).verdict()).isEqualTo(Verdict.MET);
        assertThat(rows.get(1).jtractor().text()).isEqualTo("1.50 M msg/s (1536 MB/s)");
    }

    @Test
    void flowControlRowsCompareCreditsWithTheOverrunPolicyAgainstTenPercent() {
        var jobs = Plan.jobs(Workload.STREAM);
        var on = Map.of("jtractor.msgs_per_s", 0.95e6, "raw.msgs_per_s", 2.0e6);
        var off = Map.of("jtractor.msgs_per_s", 1.0e6, "raw.msgs_per_s", 2.0e6);
        var slowOn = Map.of("jtractor.msgs_per_s", 0.5e6, "raw.msgs_per_s", 2.0e6);

        var rows = Plan.rows(Workload.STREAM, List.of(result(jobs.get(0), on, List.of(), 0),
                result(jobs.get(1), slowOn, List.of(), 0), result(jobs.get(2), off, List.of(), 0),
                result(jobs.get(3), off, List.of(), 0)));

        assertThat(rows).hasSize(4);
        assertThat(rows.get(2).workload())
                .isEqualTo("stream, 8 B payload: flow control on (vs off)");
        assertThat(rows.get(2).ratio()).hasValueCloseTo(0.95, Offset.offset(1e-9));
        assertThat(rows.get(2).verdict()).isEqualTo(Verdict.MET);
        assertThat(rows.get(3).verdict()).isEqualTo(Verdict.MISSED);
    }

    @Test
    void demoRowIsTheSpeedupOfTheWorkersOverTheLocalRun() {
        var jobs = Plan.jobs(Workload.DEMO);

        var row = Plan.rows(Workload.DEMO, List.of(
                result(jobs.get(0), Map.of("seconds", 4.0), List.of(), 0),
                result(jobs.get(1), Map.of("seconds", 3.0), List.of(), 0))).get(0);

        assertThat(row.ratio()).hasValueCloseTo(4.0 / 3.0, Offset.offset(1e-9));
        assertThat(row.verdict()).isEqualTo(Verdict.MISSED);
        assertThat(row.target().text()).isEqualTo(">= 1.60x");
    }

    @Test
    void failedDriverLeavesItsRowsUnmeasuredWithTheFailureAndLogAsNotes() {
        var job = Plan.jobs(Workload.RSS).get(0);

        var row = Plan.rows(Workload.RSS, List.of(result(job, Map.of(),
                List.of("failed: SpawnFailed: boom"), 1))).get(0);

        assertThat(row.verdict()).isEqualTo(Verdict.NOT_MEASURED);
        assertThat(row.notes()).containsExactly("idle RSS: failed: SpawnFailed: boom",
                "log: /tmp/rss.log");
    }
}
