package io.jtractor.bench.harness;

import io.jtractor.bench.harness.Target.AtLeast;
import io.jtractor.bench.harness.Target.RatioAtLeast;
import io.jtractor.bench.harness.Target.RatioAtMost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * For each workload: the driver jobs that measure it, and the table rows made of their figures,
 * with the targets of issue #6.
 */
final class Plan {

    static final double LATENCY_RATIO_MAX = 1.5;
    static final double STREAM_RATIO_MIN = 0.5;
    static final double STREAM_SMALL_RATE_MIN = 2e6;
    static final double FLOW_CONTROL_RATIO_MIN = 0.9;
    static final double SPAWN_RATIO_MAX = 1.5;
    static final double RSS_RATIO_MAX = 1.5;
    static final double DEMO_SPEEDUP_MIN = 1.6;
    static final int DEMO_WORKERS = 2;

    private Plan() {
    }

    static List<Job> jobs(Workload workload) {
        return switch (workload) {
            case RPC -> latencyJobs("rpc", "RPC round trip");
            case PING_PONG -> latencyJobs("ping-pong", "ping-pong");
            case STREAM -> List.of(
                    job("stream-8b", "stream, 8 B payload", 150, "stream", "payload=8"),
                    job("stream-1kib", "stream, 1 KiB payload", 150, "stream", "payload=1024"),
                    job("stream-8b-off", "stream, 8 B, flow control off", 150, "stream",
                            "payload=8", "overrun=1"),
                    job("stream-1kib-off", "stream, 1 KiB, flow control off", 150, "stream",
                            "payload=1024", "overrun=1"));
            case BROADCAST -> List.of(job("broadcast", "broadcast to 8", 150, "broadcast"));
            case SPAWN -> List.of(job("spawn", "spawn-to-ready", 180, "spawn"));
            case TEARDOWN -> List.of(job("teardown", "teardown of a 3-deep tree", 180,
                    "teardown"));
            case RSS -> List.of(job("rss", "idle RSS", 120, "rss"));
            case DEMO -> List.of(
                    job("demo-local", "demo, --workers 0", 180, "demo", "workers=0"),
                    job("demo-actors", "demo, " + DEMO_WORKERS + " workers", 180, "demo",
                            "workers=" + DEMO_WORKERS));
        };
    }

    private static List<Job> latencyJobs(String job, String label) {
        return List.of(
                job(job + "-1cpu", label + ", 1 CPU", 150, job, "pin=same"),
                job(job + "-2cpus", label + ", 2 CPUs", 150, job, "pin=split"));
    }

    private static Job job(String id, String label, int boundSeconds, String... args) {
        return new Job(id, label, List.of(args), Duration.ofSeconds(boundSeconds));
    }

    /** The rows of {@code workload} from its jobs' results, in the order {@link #jobs} made. */
    static List<Row> rows(Workload workload, List<DriverResult> results) {
        return switch (workload) {
            case RPC -> latencyRows("RPC round trip (portal.run)", results);
            case PING_PONG -> latencyRows("ping-pong over a context stream", results);
            case STREAM -> streamRows(results);
            case BROADCAST -> List.of(broadcastRow(results.get(0)));
            case SPAWN -> spawnRows(results.get(0));
            case TEARDOWN -> List.of(Row.of("teardown of a tree 3 actors deep",
                    figure(results.get(0), "jtractor.teardown_ms", Unit.MILLIS),
                    figure(results.get(0), "raw.teardown_ms", Unit.MILLIS), Target.NONE,
                    notes(results.get(0))));
            case RSS -> List.of(Row.of("idle RSS of a child",
                    figure(results.get(0), "jtractor.rss_mib", Unit.MEBIBYTES),
                    figure(results.get(0), "raw.rss_mib", Unit.MEBIBYTES),
                    Target.of(new RatioAtMost(RSS_RATIO_MAX)), notes(results.get(0))));
            case DEMO -> List.of(demoRow(results.get(0), results.get(1)));
        };
    }

    private static List<Row> latencyRows(String label, List<DriverResult> results) {
        var rows = new ArrayList<Row>();
        for (var result : results) {
            boolean oneCpu = result.job().id().endsWith("-1cpu");
            var where = oneCpu ? ", 1 CPU" : ", 2 CPUs";
            var medianTarget = oneCpu ? Target.of(new RatioAtMost(LATENCY_RATIO_MAX))
                    : Target.NONE;
            rows.add(Row.of(label + where + ", median",
                    figure(result, "jtractor.median_us", Unit.MICROS),
                    figure(result, "raw.median_us", Unit.MICROS), medianTarget, notes(result)));
            rows.add(Row.of(label + where + ", p99",
                    figure(result, "jtractor.p99_us", Unit.MICROS),
                    figure(result, "raw.p99_us", Unit.MICROS), Target.NONE, List.of()));
        }
        return rows;
    }

    private static List<Row> streamRows(List<DriverResult> results) {
        var rows = new ArrayList<Row>();
        for (var result : results.subList(0, 2)) {
            boolean small = result.job().id().endsWith("-8b");
            int payloadBytes = small ? 8 : 1024;
            var frame = result.value("frame_bytes")
                    .map(bytes -> String.format(Locale.ROOT, " (%.0f B frames)", bytes))
                    .orElse("");
            var target = small
                    ? Target.of(new RatioAtLeast(STREAM_RATIO_MIN),
                            new AtLeast(STREAM_SMALL_RATE_MIN, Unit.MESSAGES_PER_SECOND))
                    : Target.of(new RatioAtLeast(STREAM_RATIO_MIN));
            rows.add(Row.of("stream, " + (small ? "8 B" : "1 KiB") + " payload" + frame,
                    rate(result, "jtractor.msgs_per_s", payloadBytes),
                    rate(result, "raw.msgs_per_s", payloadBytes), target, notes(result)));
        }
        if (results.size() == 4) {
            rows.addAll(flowControlRows(results));
        }
        return rows;
    }

    /**
     * What credit-based flow control costs: the same stream with flow control on (credits) and
     * off (the overrun policy with a buffer no fast consumer fills); target at most 10% less.
     */
    private static List<Row> flowControlRows(List<DriverResult> results) {
        var rows = new ArrayList<Row>();
        for (int i = 0; i < 2; i++) {
            var on = results.get(i);
            var off = results.get(i + 2);
            int payloadBytes = i == 0 ? 8 : 1024;
            rows.add(Row.of("stream, " + (i == 0 ? "8 B" : "1 KiB")
                            + " payload: flow control on (vs off)",
                    rate(on, "jtractor.msgs_per_s", payloadBytes),
                    rate(off, "jtractor.msgs_per_s", payloadBytes),
                    Target.of(new RatioAtLeast(FLOW_CONTROL_RATIO_MIN)), notes(off)));
        }
        return rows;
    }

    private static Row broadcastRow(DriverResult result) {
        var notes = new ArrayList<>(notes(result));
        notes.add("broadcast: the stream's buffer (so the broadcast's window and the credit"
                + " window) holds a whole round, so that no subscriber skips messages; flow"
                + " control never stalls this sender, unlike the stream rows'");
        for (var system : List.of("jtractor", "raw")) {
            result.value(system + ".missed_fraction")
                    .filter(missed -> missed > 0)
                    .ifPresent(missed -> notes.add(String.format(Locale.ROOT,
                            "%s: lagging subscribers missed %.1f %% of the messages",
                            system, 100 * missed)));
        }
        return Row.of("broadcast of one stream to 8 subscribers, deliveries",
                figure(result, "jtractor.msgs_per_s", Unit.MESSAGES_PER_SECOND),
                figure(result, "raw.msgs_per_s", Unit.MESSAGES_PER_SECOND), Target.NONE, notes);
    }

    private static List<Row> spawnRows(DriverResult result) {
        var target = Target.of(new RatioAtMost(SPAWN_RATIO_MAX));
        return List.of(
                Row.of("spawn-to-ready, 1 actor",
                        figure(result, "jtractor.spawn1_ms", Unit.MILLIS),
                        figure(result, "raw.spawn1_ms", Unit.MILLIS), target, notes(result)),
                Row.of("spawn-to-ready, 4 actors at once",
                        figure(result, "jtractor.spawn4_ms", Unit.MILLIS),
                        figure(result, "raw.spawn4_ms", Unit.MILLIS), target, List.of()));
    }

    private static Row demoRow(DriverResult local, DriverResult actors) {
        var notes = new ArrayList<>(notes(local));
        notes.addAll(notes(actors));
        return new Row("demo over src.zip, " + DEMO_WORKERS + " workers vs --workers 0",
                figure(actors, "seconds", Unit.SECONDS), figure(local, "seconds", Unit.SECONDS),
                true, Target.of(new RatioAtLeast(DEMO_SPEEDUP_MIN)), notes);
    }

    private static Figure figure(DriverResult result, String key, Unit unit) {
        return result.value(key).map(value -> Figure.of(value, unit)).orElse(null);
    }

    /** A message rate, with the payload it carries in MB/s beside it. */
    private static Figure rate(DriverResult result, String key, int payloadBytes) {
        return result.value(key)
                .map(perSecond -> new Figure(perSecond, Unit.MESSAGES_PER_SECOND,
                        Unit.digits(perSecond * payloadBytes / 1e6) + " MB/s"))
                .orElse(null);
    }

    /** The driver's notes; a failed driver with none gets one pointing at its log. */
    private static List<String> notes(DriverResult result) {
        if (result.failed() && result.notes().isEmpty()) {
            return List.of(result.job().label() + ": the driver exited with "
                    + result.exitCode() + "; see " + result.log());
        }
        if (result.failed()) {
            var notes = new ArrayList<String>();
            result.notes().forEach(note -> notes.add(result.job().label() + ": " + note));
            notes.add("log: " + result.log());
            return notes;
        }
        return result.notes().stream().map(note -> result.job().label() + ": " + note).toList();
    }
}
