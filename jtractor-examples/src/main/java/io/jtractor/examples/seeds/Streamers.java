package io.jtractor.examples.seeds;

import io.jtractor.Context;
import io.jtractor.MsgStream;
import io.jtractor.sc.ClosedResourceException;
import io.jtractor.sc.Nursery;
import io.jtractor.sc.Tasks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

/** Children that stream values to their parent over a context stream. */
public final class Streamers {

    /** The message that makes {@link #infiniteStreamer} stop. */
    public static final String SENTINEL = "done";

    /** The sequence {@link #streamer} sends when it is given none. */
    public static final List<Integer> DEFAULT_SEQUENCE =
            IntStream.range(0, 1000).boxed().toList();

    private static final Duration STREAMER_PAUSE = Duration.ofMillis(1);
    private static final Duration KEEP_SENDING_PAUSE = Duration.ofMillis(10);

    private Streamers() {
    }

    /**
     * What {@link #infiniteStreamer} did.
     *
     * @param sent how many values it sent before its stream was closed
     * @param received the messages other than the sentinel that it received, in order
     */
    public record StreamerReport(long sent, List<String> received) {
    }

    /**
     * Seed #1: streams 0, 1, 2, ... until the parent sends {@value #SENTINEL}; a second task
     * watches for the sentinel and closes the stream, which ends the sending loop.
     */
    public static StreamerReport infiniteStreamer(Context ctx) {
        ctx.started();
        var received = new CopyOnWriteArrayList<String>();
        try (var stream = ctx.openStream(String.class)) {
            long sent = Nursery.run(tasks -> {
                tasks.startSoon("bail-on-sentinel", () -> bailOnSentinel(stream, received));
                return sendUntilClosed(stream);
            });
            return new StreamerReport(sent, List.copyOf(received));
        }
    }

    private static void bailOnSentinel(MsgStream<String> stream, List<String> received) {
        for (String msg : stream) {
            if (SENTINEL.equals(msg)) {
                stream.close();
            } else {
                received.add(msg);
            }
        }
    }

    private static long sendUntilClosed(MsgStream<?> stream) {
        long value = 0;
        try {
            while (true) {
                stream.send(value);
                value++;
            }
        } catch (ClosedResourceException closedBySentinel) {
            return value;
        }
    }

    /**
     * Seed #13: sends each value of {@code seq} ({@link #DEFAULT_SEQUENCE} when null), pausing
     * 1 ms between sends, then closes the stream.
     */
    public static void streamer(Context ctx, List<Integer> seq) {
        ctx.started();
        try (var stream = ctx.openStream()) {
            for (int value : seq == null ? DEFAULT_SEQUENCE : seq) {
                stream.send(value);
                Tasks.sleep(STREAMER_PAUSE);
            }
        }
    }

    /**
     * Seed #17: sends 0, 1, 2, ... every 10 ms forever; its own receive buffer holds
     * {@code msgBufferSize} messages (the runtime's default when null). A parent that does not
     * read holds it up through flow control instead of being overrun.
     */
    public static void keepSendingFromCallee(Context ctx, Integer msgBufferSize) {
        ctx.started();
        try (var stream = msgBufferSize == null ? ctx.openStream()
                : ctx.openStream(Object.class, msgBufferSize)) {
            for (long value = 0; ; value++) {
                stream.send(value);
                Tasks.sleep(KEEP_SENDING_PAUSE);
            }
        }
    }
}
