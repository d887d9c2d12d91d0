package io.jtractor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Proves that a test left no process behind: after each test, every descendant process of this
 * JVM must exit within a bounded wait. Leftovers are killed and the test fails, naming them.
 */
public final class NoZombies implements AfterEachCallback {

    private static final Duration GRACE = Duration.ofSeconds(10);

    @Override
    public void afterEach(ExtensionContext context) {
        assertNoDescendants(GRACE);
    }

    /** Fails if any descendant of this process is still alive after {@code grace}. */
    public static void assertNoDescendants(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        List<ProcessHandle> alive = List.of();
        for (var handle : ProcessHandle.current().descendants().toList()) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // still alive after the grace: reported below
            }
        }
        alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        var described = alive.stream()
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?"))
                .toList();
        alive.forEach(ProcessHandle::destroyForcibly);
        assertThat(described).as("processes left behind by the test").isEmpty();
    }
}
