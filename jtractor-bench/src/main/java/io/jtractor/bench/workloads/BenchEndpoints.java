package io.jtractor.bench.workloads;

import io.jtractor.ActorNursery;
import io.jtractor.Context;
import io.jtractor.SpawnOptions;
import io.jtractor.sc.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The functions the benchmark's child actors serve.
 *
 * <p>Every endpoint ends by itself: streams end when the parent closes its side or after the
 * requested count, and a tree link lives at most {@link #TREE_LIFETIME} unless cancelled first.
 */
public final class BenchEndpoints {

    /** The longest a tree built by {@link #tree} stays up if nobody tears it down. */
    static final Duration TREE_LIFETIME = Duration.ofMinutes(2);

    /** Extra JVM options for every actor child (e.g. a flight recording), space-separated. */
    static final String CHILD_OPTIONS_ENV = "JTRACTOR_BENCH_CHILD_OPTS";

    private BenchEndpoints() {
    }

    /** How the benchmark spawns a child actor: exposing this class. */
    static SpawnOptions spawnOptions() {
        var options = SpawnOptions.exposing(BenchEndpoints.class);
        var extra = System.getenv(CHILD_OPTIONS_ENV);
        if (extra != null && !extra.isBlank()) {
            options = options.withJvmOptions(extra.trim().split("\\s+"));
        }
        return options;
    }

    /** The trivial function of the RPC workload. */
    public static int increment(int n) {
        return n + 1;
    }

    /** This actor's process id. */
    public static long pid() {
        return ProcessHandle.current().pid();
    }

    /** The heap bytes this actor's JVM has allocated so far (for per-message costs). */
    public static long allocatedBytes() {
        return ProcStats.allocatedBytes();
    }

    /** This actor's JVM's total JIT compilation time so far, in ms (to warm up until quiet). */
    public static long compileMillis() {
        return Warmup.compileMillis();
    }

    /** Ping-pong: sends back every message until the parent closes its side. */
    public static long echo(Context ctx) {
        ctx.started();
        long echoed = 0;
        try (var stream = ctx.openStream(byte[].class)) {
            for (byte[] message : stream) {
                stream.send(message);
                echoed++;
            }
        }
        return echoed;
    }

    /** One-way stream: sends {@code count} messages of {@code payloadBytes} bytes, then ends. */
    public static long produce(Context ctx, long count, int payloadBytes) {
        ctx.started();
        var payload = new byte[payloadBytes];
        try (var stream = ctx.openStream(byte[].class)) {
            for (long i = 0; i < count; i++) {
                stream.send(payload);
            }
        }
        return count;
    }

    /**
     * One link of a chain of actors {@code depth} deep: spawns the next link (while
     * {@code depth > 1}), reports the pids of itself and every link below as its first value,
     * then waits to be torn down (at most {@link #TREE_LIFETIME}).
     */
    public static int tree(Context ctx, int depth) {
        var pids = new ArrayList<Long>(List.of(pid()));
        try (var actors = ActorNursery.open()) {
            if (depth <= 1) {
                ctx.started(pids);
                Tasks.sleep(TREE_LIFETIME);
                return depth;
            }
            var next = actors.startActor("tree-" + (depth - 1), spawnOptions());
            try (var below = next.openContext(BenchEndpoints::tree, depth - 1)) {
                Arrays.stream(below.first(long[].class)).forEach(pids::add);
                ctx.started(pids);
                Tasks.sleep(TREE_LIFETIME);
            }
        }
        return depth;
    }
}
