package io.jtractor.bench.harness;

import java.time.Duration;
import java.util.List;

/**
 * One driver JVM to run: a job of the driver with its settings.
 *
 * @param id a name for its log file, e.g. {@code rpc-1cpu}
 * @param label what the progress line says, e.g. {@code RPC round trip, 1 CPU}
 * @param args the driver's arguments: the job, then {@code key=value} settings
 * @param bound the longest the job may take; the driver ends itself then, and is killed a
 *     little later if it has not
 */
public record Job(String id, String label, List<String> args, Duration bound) {

    public Job {
        args = List.copyOf(args);
    }
}
