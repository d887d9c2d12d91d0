package io.jtractor.bench.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one driver JVM reported.
 *
 * @param job the job it ran
 * @param values its figures by key, e.g. {@code jtractor.median_us}
 * @param notes its notes, and the failure when it failed
 * @param exitCode the driver's exit code (-1 when it was killed)
 * @param elapsed how long it ran
 * @param log where its output was written
 */
public record DriverResult(
        Job job,
        Map<String, Double> values,
        List<String> notes,
        int exitCode,
        Duration elapsed,
        Path log) {

    public DriverResult {
        values = Map.copyOf(values);
        notes = List.copyOf(notes);
    }

    public Optional<Double> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public boolean failed() {
        return exitCode != 0;
    }
}
