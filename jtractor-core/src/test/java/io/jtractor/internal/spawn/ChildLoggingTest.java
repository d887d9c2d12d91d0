package io.jtractor.internal.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class ChildLoggingTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream sink = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theInheritedLevelNameSetsTheThresholdAndUnknownOrMissingMeansInfo() {
        assertThat(ChildLogging.threshold("TRACE")).isEqualTo(Level.TRACE.toInt());
        assertThat(ChildLogging.threshold("debug")).isEqualTo(Level.DEBUG.toInt());
        assertThat(ChildLogging.threshold(" WARN ")).isEqualTo(Level.WARN.toInt());
        assertThat(ChildLogging.threshold("ERROR")).isEqualTo(Level.ERROR.toInt());
        assertThat(ChildLogging.threshold("OFF")).isGreaterThan(Level.ERROR.toInt());
        assertThat(ChildLogging.threshold(null)).isEqualTo(Level.INFO.toInt());
        assertThat(ChildLogging.threshold("loud")).isEqualTo(Level.INFO.toInt());
    }

    @Test
    void eventsBelowTheLevelAreDroppedAndOthersWrittenAsOneFormattedLine() {
        var log = new ChildLogging.Factory(Level.INFO.toInt(), sink)
                .getLogger("io.jtractor.internal.runtime.ActorRuntime");

        log.debug("hidden {}", 1);
        log.info("actor {} ready on {}", "a@1", "127.0.0.1:5");

        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(log.isInfoEnabled()).isTrue();
        assertThat(written()).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  i\\.j\\.i\\.r\\."
                + "ActorRuntime - actor a@1 ready on 127\\.0\\.0\\.1:5\\R");
    }

    @Test
    void aThrowableFollowsItsLineWithItsStackTrace() {
        var log = new ChildLogging.Factory(Level.TRACE.toInt(), sink).getLogger("x");

        log.warn("failed", new IllegalStateException("boom"));

        assertThat(written()).contains("WARN  x - failed")
                .contains("java.lang.IllegalStateException: boom")
                .contains("\tat io.jtractor.internal.spawn.ChildLoggingTest");
    }

    @Test
    void offLogsNothingNotEvenErrors() {
        var log = new ChildLogging.Factory(ChildLogging.threshold("OFF"), sink).getLogger("x");

        log.error("nothing");

        assertThat(log.isErrorEnabled()).isFalse();
        assertThat(written()).isEmpty();
    }

    @Test
    void longLoggerNamesLoseLettersOfTheirPackagesButKeepTheClassName() {
        assertThat(ChildLogging.abbreviate("io.jtractor.X", 20)).isEqualTo("io.jtractor.X");
        assertThat(ChildLogging.abbreviate("io.jtractor.internal.discovery.DiscoveryService",
                20)).isEqualTo("i.j.i.d.DiscoveryService");
        assertThat(ChildLogging.abbreviate("io.jtractor.internal.Foo", 20))
                .isEqualTo("i.j.internal.Foo");
    }
}
