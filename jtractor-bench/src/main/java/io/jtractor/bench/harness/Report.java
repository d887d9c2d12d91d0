package io.jtractor.bench.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a run, written three ways: an aligned table for the terminal, Markdown and
 * JSON. Rows with footnotes carry {@code [n]} after their workload; the notes follow the table.
 *
 * @param rows the table's rows, in order
 * @param jobs every driver's figures, the ones behind the rows and the costs per operation
 *     (CPU time, context switches, allocation) that explain them
 * @param machine where the run was made
 * @param command the command that made it
 * @param started when it started
 * @param elapsed how long it took
 */
public record Report(
        List<Row> rows,
        List<DriverResult> jobs,
        MachineFacts machine,
        String command,
        Instant started,
        Duration elapsed) {

    static final List<String> HEADERS = List.of("workload", "jtractor", "raw baseline", "ratio",
            "target", "met/missed");

    public Report {
        rows = List.copyOf(rows);
        jobs = List.copyOf(jobs);
    }

    /** The table as aligned plain text, then the notes, then a count of verdicts. */
    public String text() {
        var cells = cells();
        var widths = new int[HEADERS.size()];
        for (var line : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        var out = new StringBuilder();
        for (int l = 0; l < cells.size(); l++) {
            var line = cells.get(l);
            for (int i = 0; i < widths.length; i++) {
                boolean last = i == widths.length - 1;
                out.append(last ? line.get(i) : pad(line.get(i), widths[i]) + "  ");
            }
            out.append('\n');
            if (l == 0) {
                for (int i = 0; i < widths.length; i++) {
                    out.append("-".repeat(widths[i])).append(i == widths.length - 1 ? "" : "  ");
                }
                out.append('\n');
            }
        }
        notes().forEach(note -> out.append(note).append('\n'));
        out.append(summary()).append('\n');
        return out.toString();
    }

    /** The table in Markdown, then the notes and the count of verdicts. */
    public String markdown() {
        var out = new StringBuilder();
        var cells = cells();
        for (int l = 0; l < cells.size(); l++) {
            out.append("| ").append(String.join(" | ", cells.get(l).stream()
                    .map(cell -> cell.replace("|", "\\|")).toList())).append(" |\n");
            if (l == 0) {
                out.append("|").append("---|".repeat(HEADERS.size())).append('\n');
            }
        }
        var notes = notes();
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append(note).append("  \n"));
        }
        out.append('\n').append(summary()).append('\n');
        return out.toString();
    }

    /** A Markdown document: the command, the machine, the table, the costs per operation. */
    public String markdownDocument() {
        var out = new StringBuilder("# jtractor bench\n\n");
        out.append("Command: `").append(command).append("`  \n");
        out.append("Started: ").append(started).append(", took ")
                .append(seconds(elapsed)).append(" s\n\n");
        machine.facts().forEach((name, value) ->
                out.append("- ").append(name).append(": ").append(value).append('\n'));
        out.append('\n').append(markdown());
        var costs = costsMarkdown();
        if (!costs.isEmpty()) {
            out.append("\n## What one operation costs each process\n\n").append(costs);
        }
        return out.toString();
    }

    /**
     * The costs per operation (a round trip, or a message of a stream) that the drivers
     * measured, jtractor and raw side by side: CPU time and context switches of the driver
     * and of the peer process, heap allocated in each. Empty when no job measured them.
     */
    public String costsMarkdown() {
        var out = new StringBuilder();
        for (var job : jobs) {
            for (var system : List.of("jtractor", "raw")) {
                var cpu = job.value(system + ".driver_cpu_us_per_op");
                if (cpu.isEmpty()) {
                    continue;
                }
                if (out.isEmpty()) {
                    out.append("| job | side | CPU us/op driver + peer | context switches/op"
                            + " driver + peer | heap bytes/op driver + peer |\n");
                    out.append("|---|---|---|---|---|\n");
                }
                out.append("| ").append(job.job().id()).append(" | ").append(system)
                        .append(" | ").append(pair(job, system, "cpu_us_per_op"))
                        .append(" | ").append(pair(job, system, "switches_per_op"))
                        .append(" | ").append(pair(job, system, "alloc_bytes_per_op"))
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    private static String pair(DriverResult job, String system, String cost) {
        return job.value(system + ".driver_" + cost).map(Unit::digits).orElse("?") + " + "
                + job.value(system + ".peer_" + cost).map(Unit::digits).orElse("?");
    }

    /** Everything as a JSON document: figures with their units, ratios, targets, verdicts. */
    public String json() {
        var document = new LinkedHashMap<String, Object>();
        document.put("command", command);
        document.put("started", started.toString());
        document.put("elapsed_s", elapsed.toMillis() / 1e3);
        document.put("machine", machine.facts());
        var rowList = new ArrayList<Map<String, Object>>();
        for (var row : rows) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("workload", row.workload());
            entry.put("jtractor", figure(row.jtractor()));
            entry.put("baseline", figure(row.baseline()));
            entry.put("ratio", row.ratio().isPresent() ? row.ratio().getAsDouble() : null);
            entry.put("ratio_kind", row.speedup() ? "baseline/jtractor" : "jtractor/baseline");
            entry.put("target", row.target().isNone() ? null : row.target().text());
            entry.put("verdict", row.verdict().name().toLowerCase(Locale.ROOT));
            entry.put("notes", row.notes());
            rowList.add(entry);
        }
        document.put("rows", rowList);
        var jobList = new ArrayList<Map<String, Object>>();
        for (var job : jobs) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("id", job.job().id());
            entry.put("args", job.job().args());
            entry.put("exit_code", job.exitCode());
            entry.put("elapsed_s", job.elapsed().toMillis() / 1e3);
            entry.put("values", new TreeMap<>(job.values()));
            entry.put("notes", job.notes());
            entry.put("log", job.log().toString());
            jobList.add(entry);
        }
        document.put("jobs", jobList);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report of maps and strings did not serialise: "
                    + e.getMessage(), e);
        }
    }

    /** E.g. {@code targets: 3 met, 5 missed, 2 not measured}. */
    public String summary() {
        var counts = new LinkedHashMap<Verdict, Integer>();
        for (var row : rows) {
            if (!row.target().isNone() || row.verdict() == Verdict.NOT_MEASURED) {
                counts.merge(row.verdict(), 1, Integer::sum);
            }
        }
        var parts = new ArrayList<String>();
        for (var verdict : List.of(Verdict.MET, Verdict.MISSED, Verdict.NOT_MEASURED)) {
            parts.add(counts.getOrDefault(verdict, 0) + " "
                    + verdict.text().toLowerCase(Locale.ROOT));
        }
        return "targets: " + String.join(", ", parts);
    }

    private List<List<String>> cells() {
        var lines = new ArrayList<List<String>>();
        lines.add(HEADERS);
        int note = 0;
        for (var row : rows) {
            var workload = new StringBuilder(row.workload());
            for (int i = 0; i < row.notes().size(); i++) {
                workload.append(" [").append(++note).append("]");
            }
            lines.add(List.of(workload.toString(), text(row.jtractor()), text(row.baseline()),
                    row.ratioText(), row.target().text(), row.verdict().text()));
        }
        return lines;
    }

    private List<String> notes() {
        var notes = new ArrayList<String>();
        for (var row : rows) {
            for (var note : row.notes()) {
                notes.add("[" + (notes.size() + 1) + "] " + note);
            }
        }
        return notes;
    }

    private static String text(Figure figure) {
        return figure == null ? "-" : figure.text();
    }

    private static Map<String, Object> figure(Figure figure) {
        if (figure == null) {
            return null;
        }
        var entry = new LinkedHashMap<String, Object>();
        entry.put("value", figure.value());
        entry.put("unit", figure.unit().symbol());
        entry.put("text", figure.text());
        return entry;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1e3);
    }
}
