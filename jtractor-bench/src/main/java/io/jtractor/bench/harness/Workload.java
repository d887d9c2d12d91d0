package io.jtractor.bench.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The workloads of issue #6, by the names {@code jtractor bench --only} takes. */
public enum Workload {
    RPC("rpc", "one-shot RPC round trip (portal.run), pinned to 1 and to 2 CPUs"),
    PING_PONG("ping-pong", "ping-pong over a context stream, pinned to 1 and to 2 CPUs"),
    STREAM("stream", "one-way stream throughput, 8 B and 1 KiB payloads, flow control on and off"),
    BROADCAST("broadcast", "one stream fanned out to 8 local subscribers"),
    SPAWN("spawn", "spawn-to-ready of 1 and of 4 actors against bare JVMs"),
    TEARDOWN("teardown", "teardown of a tree 3 actors deep against a bare chain"),
    RSS("rss", "idle RSS of a child actor against a bare JVM"),
    DEMO("demo", "the demo over the JDK's src.zip, 2 workers against --workers 0");

    private final String id;
    private final String description;

    Workload(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /**
     * The workloads named in {@code names} (each may hold several, comma-separated), in table
     * order, without repeats; every workload when {@code names} is empty.
     *
     * @throws IllegalArgumentException for a name that is not a workload, listing the names
     */
    public static List<Workload> select(List<String> names) {
        if (names == null || names.isEmpty()) {
            return List.of(values());
        }
        var chosen = new LinkedHashSet<Workload>();
        for (var list : names) {
            for (var name : list.split(",")) {
                var id = name.trim().toLowerCase(Locale.ROOT);
                if (!id.isEmpty()) {
                    chosen.add(byId(id));
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no workload named; choose from " + ids());
        }
        var ordered = new ArrayList<>(chosen);
        ordered.sort(null);
        return List.copyOf(ordered);
    }

    private static Workload byId(String id) {
        return Arrays.stream(values())
                .filter(w -> w.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workload '" + id
                        + "'; choose from " + ids()));
    }

    /** The names, comma-separated. */
    public static String ids() {
        return Arrays.stream(values()).map(Workload::id).collect(Collectors.joining(", "));
    }
}
