package io.jtractor.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jtractor.bench.harness.Target.RatioAtMost;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private final Report report = new Report(
            List.of(
                    Row.of("rpc, 1 CPU, median", Figure.of(45, Unit.MICROS),
                            Figure.of(20, Unit.MICROS), Target.of(new RatioAtMost(1.5)),
                            List.of("pinning failed")),
                    Row.of("spawn | 1", Figure.of(300, Unit.MILLIS), Figure.of(250, Unit.MILLIS),
                            Target.of(new RatioAtMost(1.5)), List.of()),
                    Row.of("rss", null, null, Target.of(new RatioAtMost(1.5)),
                            List.of("failed: boom", "log: /tmp/rss.log"))),
            List.of(new DriverResult(new Job("rss", "idle RSS", List.of("rss"),
                    Duration.ofSeconds(9)), Map.of("raw.rss_mib", 43.5), List.of(), 1,
                    Duration.ofSeconds(2), Path.of("/tmp/rss.log"))),
            new MachineFacts(Map.of("cpus", "2")),
            "./jtractor bench",
            Instant.parse("2026-01-01T00:00:00Z"),
            Duration.ofSeconds(42));

    @Test
    void markdownHasTheSixColumnsAndARowPerFigure() {
        var lines = report.markdown().lines().toList();

        assertThat(lines.get(0))
                .isEqualTo("| workload | jtractor | raw baseline | ratio | target | met/missed |");
        assertThat(lines.get(1)).isEqualTo("|---|---|---|---|---|---|");
        assertThat(lines.get(2))
                .isEqualTo("| rpc, 1 CPU, median [1] | 45.0 us | 20.0 us | 2.25x | <= 1.50x"
                        + " | MISSED |");
        assertThat(lines.get(3))
                .isEqualTo("| spawn \\| 1 | 300 ms | 250 ms | 1.20x | <= 1.50x | met |");
        assertThat(lines.get(4))
                .isEqualTo("| rss [2] [3] | - | - | - | <= 1.50x | not measured |");
    }

    @Test
    void notesAreNumberedInRowOrderAndVerdictsCounted() {
        var markdown = report.markdown();

        assertThat(markdown).contains("[1] pinning failed", "[2] failed: boom",
                "[3] log: /tmp/rss.log");
        assertThat(report.summary()).isEqualTo("targets: 1 met, 1 missed, 1 not measured");
    }

    @Test
    void textTableAlignsEveryColumn() {
        var lines = report.text().lines().toList();
        int ratioColumn = lines.get(0).indexOf("ratio");

        assertThat(lines.get(1)).matches("[- ]+");
        assertThat(lines.get(2).substring(ratioColumn)).startsWith("2.25x");
        assertThat(lines.get(3).substring(ratioColumn)).startsWith("1.20x");
        assertThat(lines.get(4).substring(ratioColumn)).startsWith("-");
    }

    @Test
    void jsonCarriesValuesUnitsRatiosAndVerdicts() throws Exception {
        var json = new ObjectMapper().readTree(report.json());

        assertThat(json.get("command").asText()).isEqualTo("./jtractor bench");
        assertThat(json.get("elapsed_s").asDouble()).isEqualTo(42.0);
        assertThat(json.get("machine").get("cpus").asText()).isEqualTo("2");
        var first = json.get("rows").get(0);
        assertThat(first.get("jtractor").get("value").asDouble()).isEqualTo(45.0);
        assertThat(first.get("jtractor").get("unit").asText()).isEqualTo("us");
        assertThat(first.get("ratio").asDouble()).isEqualTo(2.25);
        assertThat(first.get("target").asText()).isEqualTo("<= 1.50x");
        assertThat(first.get("verdict").asText()).isEqualTo("missed");
        var failed = json.get("rows").get(2);
        assertThat(failed.get("jtractor").isNull()).isTrue();
        assertThat(failed.get("verdict").asText()).isEqualTo("not_measured");
        var job = json.get("jobs").get(0);
        assertThat(job.get("id").asText()).isEqualTo("rss");
        assertThat(job.get("exit_code").asInt()).isEqualTo(1);
        assertThat(job.get("values").get("raw.rss_mib").asDouble()).isEqualTo(43.5);
    }

    @Test
    void costsTableSetsEachSideOfAJobSideBySideAndSkipsJobsWithoutCosts() {
        var job = new Job("rpc-1cpu", "RPC round trip, 1 CPU", List.of("rpc"),
                Duration.ofSeconds(9));
        var values = Map.of(
                "jtractor.driver_cpu_us_per_op", 43.2, "jtractor.peer_cpu_us_per_op", 41.0,
                "jtractor.driver_switches_per_op", 2.26, "jtractor.peer_switches_per_op", 2.2,
                "jtractor.driver_alloc_bytes_per_op", 3769.0,
                "jtractor.peer_alloc_bytes_per_op", 14830.0,
                "raw.driver_cpu_us_per_op", 23.8, "raw.peer_cpu_us_per_op", 17.2,
                "raw.driver_switches_per_op", 2.0, "raw.peer_switches_per_op", 2.0);
        var withCosts = new Report(List.of(), List.of(
                new DriverResult(job, values, List.of(), 0, Duration.ofSeconds(1),
                        Path.of("/tmp/rpc.log")),
                report.jobs().get(0)), report.machine(), "x", report.started(),
                Duration.ofSeconds(1));

        var lines = withCosts.costsMarkdown().lines().toList();

        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).isEqualTo(
                "| rpc-1cpu | jtractor | 43.2 + 41.0 | 2.26 + 2.20 | 3769 + 14830 |");
        assertThat(lines.get(3))
                .isEqualTo("| rpc-1cpu | raw | 23.8 + 17.2 | 2.00 + 2.00 | ? + ? |");
        assertThat(report.costsMarkdown()).isEmpty();
    }

    @Test
    void markdownDocumentStartsWithTheCommandAndTheMachine() {
        assertThat(report.markdownDocument())
                .startsWith("# jtractor bench\n\nCommand: `./jtractor bench`")
                .contains("- cpus: 2\n")
                .contains("took 42.0 s");
    }
}
