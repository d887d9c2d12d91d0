package io.jtractor.bench.runtime;

import io.jtractor.Context;
import io.jtractor.sc.CancelScope;
import java.time.Duration;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Endpoints the runtime benchmarks call in real child actors. */
public final class BenchEndpoints {

    private BenchEndpoints() {
    }

    public static int add(int a, int b) {
        return a + b;
    }

    /** Echoes every stream message back. */
    public static void echo(Context ctx) {
        ctx.started();
        try (var stream = ctx.openStream()) {
            for (var msg : stream) {
                stream.send(msg);
            }
        }
    }

    /** Streams the integers 0 to n - 1. */
    public static Stream<Integer> count(int n) {
        return IntStream.range(0, n).boxed();
    }

    /** Never ends and ignores cancellation: only SIGKILL ends its actor (the A6 ladder). */
    public static int deaf() {
        return CancelScope.shielded(s -> {
            while (true) {
                try {
                    Thread.sleep(Duration.ofMinutes(1));
                } catch (InterruptedException ignored) {
                    // deaf on purpose: the benchmark measures the cancel ladder
                }
            }
        });
    }
}
