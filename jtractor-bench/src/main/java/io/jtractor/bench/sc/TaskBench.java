package io.jtractor.bench.sc;

import io.jtractor.sc.Nursery;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one task: started in a nursery and waited for, against a plain virtual thread
 * started and joined. Measured per task, in batches of {@value #TASKS} (a nursery is opened and
 * closed per batch) and singly (a nursery per task).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TaskBench {

    static final int TASKS = 100;

    private static final Runnable NOTHING = () -> { };

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public void nurseryStartJoinBatch() {
        try (var nursery = Nursery.open()) {
            for (int i = 0; i < TASKS; i++) {
                nursery.startSoon(NOTHING::run);
            }
            nursery.join();
        }
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public void virtualThreadStartJoinBatch() throws InterruptedException {
        var threads = new Thread[TASKS];
        for (int i = 0; i < TASKS; i++) {
            threads[i] = Thread.startVirtualThread(NOTHING);
        }
        for (var thread : threads) {
            thread.join();
        }
    }

    @Benchmark
    public void nurseryStartJoinOne() {
        try (var nursery = Nursery.open()) {
            nursery.startSoon(NOTHING::run);
            nursery.join();
        }
    }

    @Benchmark
    public void virtualThreadStartJoinOne() throws InterruptedException {
        Thread.startVirtualThread(NOTHING).join();
    }
}
