package io.jtractor.examples.seeds;

import io.jtractor.Context;
import io.jtractor.MsgStream;
import io.jtractor.sc.EndOfChannel;
import io.jtractor.sc.Nursery;
import io.jtractor.sc.Tasks;
import java.time.Duration;

/**
 * Request/response servers over a context stream: the parent sends {@code "ping"}, the child
 * answers {@code "pong"}.
 */
public final class PingPong {

    /** How many pings the reference dialog exchanges; the ping-pong servers insist on it. */
    public static final int EXPECTED_PINGS = 10;

    /** How often {@link #streamAndServeRequests} pushes its unsolicited {@code "yo"}. */
    static final Duration YO_PERIOD = Duration.ofMillis(10);

    private PingPong() {
    }

    /**
     * Seed #2: reports {@code data + 1}, answers each ping with a pong using explicit receives,
     * and once the parent closes the stream fails unless exactly {@value #EXPECTED_PINGS} pings
     * came; returns the count.
     */
    public static int simpleRpc(Context ctx, int data) {
        ctx.started(data + 1);
        int count = 0;
        try (var stream = ctx.openStream(String.class)) {
            while (true) {
                String msg;
                try {
                    msg = stream.receive();
                } catch (EndOfChannel end) {
                    break;
                }
                expectPing(msg);
                stream.send("pong");
                count++;
            }
        }
        return expectCount(count);
    }

    /**
     * Seed #20, #22: the same server written with stream iteration; returns the ping count after
     * checking it is {@value #EXPECTED_PINGS}.
     */
    public static int simpleRpcWithForLoop(Context ctx, int data) {
        ctx.started(data + 1);
        int count = 0;
        try (var stream = ctx.openStream(String.class)) {
            for (String msg : stream) {
                expectPing(msg);
                stream.send("pong");
                count++;
            }
        }
        return expectCount(count);
    }

    /**
     * Seed #8: one task answers pings with pongs while another streams {@code "yo"} every
     * {@code YO_PERIOD} on the same stream, until the parent cancels the context.
     */
    public static void streamAndServeRequests(Context ctx) {
        ctx.started();
        try (var stream = ctx.openStream(String.class)) {
            Nursery.run(tasks -> {
                tasks.startSoon("pingpong", () -> answerPings(stream));
                while (true) {
                    stream.send("yo");
                    Tasks.sleep(YO_PERIOD);
                }
            });
        }
    }

    private static void answerPings(MsgStream<String> stream) {
        for (String msg : stream) {
            expectPing(msg);
            stream.send("pong");
        }
    }

    private static void expectPing(String msg) {
        if (!"ping".equals(msg)) {
            throw new IllegalArgumentException("expected \"ping\", got \"" + msg + "\"");
        }
    }

    private static int expectCount(int count) {
        if (count != EXPECTED_PINGS) {
            throw new IllegalStateException("expected " + EXPECTED_PINGS + " pings before the"
                    + " stream closed, got " + count);
        }
        return count;
    }
}
