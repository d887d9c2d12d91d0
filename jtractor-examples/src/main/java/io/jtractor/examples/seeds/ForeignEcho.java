package io.jtractor.examples.seeds;

import io.jtractor.Context;
import io.jtractor.sc.EndOfChannel;

/**
 * Echo servers whose echoing is done by a loop on a thread outside the runtime's tasks (the
 * reference runs it in asyncio), linked to the endpoint's task by a {@link ForeignLink}.
 */
public final class ForeignEcho {

    /** The first value the foreign loop reports, passed on to the parent by started(). */
    public static final String FIRST = "start";

    private ForeignEcho() {
    }

    /**
     * Seed #14: relays each message through the foreign loop and sends the echo back; a
     * {@code null} message ends the foreign loop, and the endpoint returns once the link has
     * reported that end.
     *
     * @throws IllegalStateException if the foreign loop keeps running after echoing null
     */
    public static void echoUntilSentinel(Context ctx) {
        try (var link = ForeignLink.open("foreign-echo", ForeignEcho::echoLoop)) {
            ctx.started(expectFirst(link.receive()));
            try (var stream = ctx.openStream()) {
                for (Object msg : stream) {
                    link.send(msg);
                    var echoed = link.receive();
                    stream.send(echoed);
                    if (echoed == null) {
                        expectEnded(link);
                        return;
                    }
                }
            }
        }
    }

    /**
     * Seed #16: relays each message through the foreign loop and sends the echo back until the
     * parent closes the stream; the foreign loop is stopped when the endpoint ends.
     */
    public static void echoUntilClosed(Context ctx) {
        try (var link = ForeignLink.open("foreign-echo", ForeignEcho::echoLoop)) {
            ctx.started(expectFirst(link.receive()));
            try (var stream = ctx.openStream()) {
                for (Object msg : stream) {
                    link.send(msg);
                    stream.send(link.receive());
                }
            }
        }
    }

    /** Seed #14, #16: how many foreign loops of this actor are still running. */
    public static int runningForeignLoops() {
        return ForeignLink.running();
    }

    /** The foreign loop: reports {@link #FIRST}, then echoes until it has echoed null. */
    private static void echoLoop(ForeignLink.Side side) throws InterruptedException {
        side.send(FIRST);
        while (true) {
            var msg = side.receive();
            side.send(msg);
            if (msg == null) {
                return;
            }
        }
    }

    private static Object expectFirst(Object first) {
        if (!FIRST.equals(first)) {
            throw new IllegalStateException("the foreign loop reported \"" + first
                    + "\" first, expected \"" + FIRST + "\"");
        }
        return first;
    }

    private static void expectEnded(ForeignLink link) {
        try {
            var extra = link.receive();
            throw new IllegalStateException("the foreign loop kept running after echoing null:"
                    + " it sent \"" + extra + "\"");
        } catch (EndOfChannel ended) {
            // the loop returned after the sentinel, as it must
        }
    }
}
