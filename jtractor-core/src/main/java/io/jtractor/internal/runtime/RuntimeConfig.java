package io.jtractor.internal.runtime;

import java.time.Duration;
import org.slf4j.LoggerFactory;

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
 * @param logLevel the log level handed to children (see {@link #effectiveLogLevel()})
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

    /** The system property that carries the log level to child actors (SPEC O1). */
    public static final String LOG_LEVEL_PROPERTY = "jtractor.log.level";

    public static RuntimeConfig defaults() {
        return new RuntimeConfig(64, Duration.ofMillis(600), Duration.ofMillis(500),
                Duration.ofMillis(1500), Duration.ofSeconds(60), 64 << 20, "127.0.0.1",
                effectiveLogLevel());
    }

    /** These settings with the listener bound to {@code host} instead. */
    public RuntimeConfig withBindHost(String host) {
        return new RuntimeConfig(msgBufferSize, contextCancelTimeout, actorCancelTimeout,
                terminateGrace, spawnTimeout, maxFrameBytes, host, logLevel);
    }

    /**
     * The log level children inherit: the {@value #LOG_LEVEL_PROPERTY} property when set, else
     * the level the logging backend applies to jtractor's loggers here, found out through the
     * SLF4J facade ({@code OFF} when not even errors are logged).
     */
    static String effectiveLogLevel() {
        var set = System.getProperty(LOG_LEVEL_PROPERTY);
        if (set != null && !set.isBlank()) {
            return set;
        }
        var probe = LoggerFactory.getLogger("io.jtractor");
        return probe.isTraceEnabled() ? "TRACE"
                : probe.isDebugEnabled() ? "DEBUG"
                : probe.isInfoEnabled() ? "INFO"
                : probe.isWarnEnabled() ? "WARN"
                : probe.isErrorEnabled() ? "ERROR"
                : "OFF";
    }
}
