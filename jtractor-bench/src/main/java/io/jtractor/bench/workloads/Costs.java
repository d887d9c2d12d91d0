package io.jtractor.bench.workloads;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the measured operations of one side cost, per operation: CPU time and context switches
 * of this (driver) process and of the peer process, and heap allocation of this JVM and, when
 * the peer can tell, of the peer's. Evidence for where the time goes; not part of the table.
 */
final class Costs {

    /** A measured stretch of operations; returns how many it made. */
    @FunctionalInterface
    interface Stretch {
        long run() throws Exception;
    }

    private final long driverPid = ProcessHandle.current().pid();
    private final long peerPid;
    /** The peer's allocated heap bytes so far, or null when it cannot be asked. */
    private final LongSupplier peerAllocatedBytes;
    private long ops;
    private ProcStats driver = new ProcStats(0, 0);
    private ProcStats peer = new ProcStats(0, 0);
    private long driverAllocated;
    private long peerAllocated;
    /** System calls by process ("driver", "peer") and name, when {@link SyscallProbe} runs. */
    private final Map<String, Long> syscalls = new LinkedHashMap<>();

    Costs(long peerPid, LongSupplier peerAllocatedBytes) {
        this.peerPid = peerPid;
        this.peerAllocatedBytes = peerAllocatedBytes;
    }

    /** Runs {@code stretch} and adds up its costs and its operations. */
    void measure(Stretch stretch) throws Exception {
        long peerAllocBefore = peerAllocatedBytes == null ? 0 : peerAllocatedBytes.getAsLong();
        var driverProbe = SyscallProbe.enabled() ? SyscallProbe.attach(driverPid) : null;
        var peerProbe = SyscallProbe.enabled() ? SyscallProbe.attach(peerPid) : null;
        var driverBefore = ProcStats.of(driverPid);
        var peerBefore = ProcStats.of(peerPid);
        long allocBefore = ProcStats.allocatedBytes();
        long count = stretch.run();
        add("driver", driverProbe);
        add("peer", peerProbe);
        driverAllocated += ProcStats.allocatedBytes() - allocBefore;
        driver = driver.plus(ProcStats.of(driverPid).minus(driverBefore));
        peer = peer.plus(ProcStats.of(peerPid).minus(peerBefore));
        if (peerAllocatedBytes != null) {
            peerAllocated += peerAllocatedBytes.getAsLong() - peerAllocBefore;
        }
        ops += count;
    }

    private void add(String process, SyscallProbe probe) {
        if (probe != null) {
            probe.detach().forEach((call, n) -> syscalls.merge(process + "_" + call, n,
                    Long::sum));
        }
    }

    /** Reports the costs per operation under {@code system.}. */
    void report(String system) {
        if (ops == 0) {
            return;
        }
        Results.value(system + ".driver_cpu_us_per_op", driver.cpuNanos() / 1e3 / ops);
        Results.value(system + ".peer_cpu_us_per_op", peer.cpuNanos() / 1e3 / ops);
        Results.value(system + ".driver_switches_per_op", (double) driver.contextSwitches() / ops);
        Results.value(system + ".peer_switches_per_op", (double) peer.contextSwitches() / ops);
        Results.value(system + ".driver_alloc_bytes_per_op", (double) driverAllocated / ops);
        if (peerAllocatedBytes != null) {
            Results.value(system + ".peer_alloc_bytes_per_op", (double) peerAllocated / ops);
        }
        syscalls.forEach((name, n) -> Results.value(system + "." + name + "_per_op",
                (double) n / ops));
    }
}
