package io.jtractor.internal.runtime;

import java.time.Duration;

/**
 * Settings of one actor runtime, with the defaults of SPEC A6, C7, S6 and W5.
 *
 * @param msgBufferSize messages a stream's receiver buffers before its sender blocks
 * @param contextCancelTimeout how long ctx.cancel() waits for the peer's acknowledgement
 * @param actorCancelTimeout how long cancelling an actor waits for its acknowledgement
 * @param terminateGrace how long a child may take to exit after SIGTERM before SIGKILL
 * @param spawnTimeout how long a new child may take to connect back and become ready
 * @param maxFrameBytes the largest frame accepted from a peer
 * @param bindHost the host the actor's listener binds to
 * @param logLevel the log level handed to children
 */
public record RuntimeConfig(
        int msgBufferSize,
        Duration contextCancelTimeout,
        Duration actorCancelTimeout,
        Duration terminateGrace,
        Duration spawnTimeout,
        int maxFrameBytes,
        String bindHost,
        String logLevel) {

    public static RuntimeConfig defaults() {
        return new RuntimeConfig(64, Duration.ofMillis(600), Duration.ofMillis(500),
                Duration.ofMillis(1500), Duration.ofSeconds(60), 64 << 20, "127.0.0.1",
                System.getProperty("jtractor.log.level", "INFO"));
    }
}
