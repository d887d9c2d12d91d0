package io.jtractor.examples.seeds;

import io.jtractor.Context;

/** A worker of an actor cluster that a parent floods with one message at full speed. */
public final class ClusterWorker {

    /** The only message a worker accepts. */
    public static final String MESSAGE = "tractoring at full speed";

    /**
     * The worker's receive buffer: small, so that a parent sending faster than the worker reads
     * is held back by flow control (the reference's {@code backpressure=True}).
     */
    public static final int BUFFER_SIZE = 4;

    private ClusterWorker() {
    }

    /**
     * Seed #5: receives until the parent closes the stream, checking that every message is
     * {@link #MESSAGE}; returns how many it received.
     *
     * @throws IllegalArgumentException on any other message
     */
    public static long worker(Context ctx) {
        ctx.started();
        long received = 0;
        try (var stream = ctx.openStream(String.class, BUFFER_SIZE)) {
            for (String msg : stream) {
                if (!MESSAGE.equals(msg)) {
                    throw new IllegalArgumentException("expected \"" + MESSAGE + "\", got \""
                            + msg + "\"");
                }
                received++;
            }
        }
        return received;
    }
}
