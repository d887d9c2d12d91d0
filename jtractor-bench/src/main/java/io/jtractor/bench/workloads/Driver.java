package io.jtractor.bench.workloads;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The entry point of a driver JVM: runs one job of the benchmark and reports its figures on
 * standard output (see {@link Results}), then exits: 0 when the job finished, 1 when it failed
 * or overran its bound.
 *
 * <p>Usage: {@code Driver JOB [key=value ...]}; jobs: {@code rpc}, {@code ping-pong} (setting
 * {@code pin=none|same|split}), {@code stream} ({@code payload=BYTES}, and for diagnosis
 * {@code window=MESSAGES}), {@code broadcast},
 * {@code spawn}, {@code teardown}, {@code rss}, {@code demo} ({@code workers=N}); every job takes
 * {@code quick=true} for fewer repetitions and {@code bound=SECONDS} for its time limit. The job
 * runs on a virtual thread, like a task of a jtractor program.
 */
public final class Driver {

    /** The job's code, run on a virtual thread. */
    @FunctionalInterface
    interface Job {
        void run(JobArgs args) throws Exception;
    }

    private Driver() {
    }

    public static void main(String[] argv) throws InterruptedException {
        var args = JobArgs.parse(argv);
        Job job = switch (args.job()) {
            case "rpc" -> Latency::rpc;
            case "ping-pong" -> Latency::pingPong;
            case "stream" -> Throughput::stream;
            case "stream-windows" -> Throughput::streamWindows;
            case "broadcast" -> Throughput::broadcast;
            case "spawn" -> Lifecycle::spawn;
            case "teardown" -> Lifecycle::teardown;
            case "rss" -> Lifecycle::rss;
            case "demo" -> Demo::run;
            default -> throw new IllegalArgumentException("unknown job '" + args.job() + "'");
        };
        var bound = Duration.ofSeconds(args.intValue("bound", 240));
        var failure = new AtomicReference<Throwable>();
        var thread = Thread.ofVirtual().name("bench-" + args.job()).start(() -> {
            try {
                job.run(args);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        if (!thread.join(bound)) {
            Results.note("failure", "the job did not end within " + bound.toSeconds() + " s");
            System.exit(1);
        }
        if (failure.get() != null) {
            var t = failure.get();
            t.printStackTrace();
            Results.note("failure", t.getClass().getSimpleName() + ": " + t.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }
}
