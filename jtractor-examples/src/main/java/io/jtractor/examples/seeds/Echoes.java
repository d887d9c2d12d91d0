package io.jtractor.examples.seeds;

import io.jtractor.Context;
import java.util.ArrayList;
import java.util.List;

/** Children that send back what they receive over a context stream. */
public final class Echoes {

    /** How many times {@link #echoBackSequence} collects and echoes its sequence. */
    public static final int ECHO_ROUNDS = 3;

    /** What {@link #echoBackSequence} returns once it has echoed {@value #ECHO_ROUNDS} rounds. */
    public static final String ECHO_DONE = "yo";

    private Echoes() {
    }

    /** Seed #9: sends every message it receives straight back, until the parent closes. */
    public static void echoCtxStream(Context ctx) {
        ctx.started();
        try (var stream = ctx.openStream()) {
            for (Object msg : stream) {
                stream.send(msg);
            }
        }
    }

    /**
     * Seed #15: receives whole sequences and streams each one back element by element, until
     * the parent closes.
     */
    public static void echoSequences(Context ctx) {
        ctx.started();
        try (var stream = ctx.openStream(Object[].class)) {
            for (Object[] sequence : stream) {
                for (Object value : sequence) {
                    stream.send(value);
                }
            }
        }
    }

    /**
     * Seed #6: {@value #ECHO_ROUNDS} times, collects received values until they equal
     * {@code seq} and then sends that batch back; its receive buffer holds
     * {@code msgBufferSize} messages (the runtime's default when null). Returns
     * {@value #ECHO_DONE}.
     */
    public static String echoBackSequence(Context ctx, List<Integer> seq, Integer msgBufferSize) {
        ctx.started();
        try (var stream = msgBufferSize == null ? ctx.openStream(Integer.class)
                : ctx.openStream(Integer.class, msgBufferSize)) {
            for (int round = 0; round < ECHO_ROUNDS; round++) {
                var batch = new ArrayList<Integer>();
                for (Integer value : stream) {
                    batch.add(value);
                    if (batch.equals(seq)) {
                        break;
                    }
                }
                for (Integer value : batch) {
                    stream.send(value);
                }
            }
        }
        return ECHO_DONE;
    }
}
