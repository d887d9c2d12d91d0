package io.jtractor.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void noNameSelectsEveryWorkloadInTableOrder() {
        assertThat(Workload.select(List.of())).containsExactly(Workload.values());
    }

    @Test
    void namesMayBeRepeatedOrCommaSeparatedAndComeBackInTableOrder() {
        assertThat(Workload.select(List.of("demo,RPC", " rpc ", "stream")))
                .containsExactly(Workload.RPC, Workload.STREAM, Workload.DEMO);
    }

    @Test
    void unknownNameIsRefusedWithTheListOfNames() {
        assertThatThrownBy(() -> Workload.select(List.of("rpc,latency")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'latency'")
                .hasMessageContaining("rpc, ping-pong, stream, broadcast, spawn, teardown, rss,"
                        + " demo");
    }

    @Test
    void everyWorkloadHasJobsWithDistinctLogNames() {
        var ids = java.util.Arrays.stream(Workload.values())
                .flatMap(w -> Plan.jobs(w).stream())
                .map(Job::id)
                .toList();

        assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(8);
    }
}
