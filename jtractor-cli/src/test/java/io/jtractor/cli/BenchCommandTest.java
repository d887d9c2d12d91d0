package io.jtractor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        var command = new CommandLine(new Main());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    @Test
    void unknownWorkloadIsAUsageErrorNamingTheWorkloads() {
        int exitCode = execute("bench", "--only", "rpc,latency");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString())
                .contains("unknown workload 'latency'")
                .contains("rpc, ping-pong, stream, broadcast, spawn, teardown, rss, demo");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void helpListsTheWorkloadsAndTheOptions() {
        int exitCode = execute("bench", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains("--quick")
                .contains("--only")
                .contains("rpc, ping-pong, stream, broadcast, spawn, teardown, rss,");
    }
}
