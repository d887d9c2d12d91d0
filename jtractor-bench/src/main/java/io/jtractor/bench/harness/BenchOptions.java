package io.jtractor.bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code jtractor bench} is asked to do.
 *
 * @param quick fewer repetitions and shorter rounds (about a minute and a half in all)
 * @param workloads the workloads to run, in table order
 * @param outDir where the Markdown, the JSON and the drivers' logs go
 * @param command the command line, as written into the report
 */
public record BenchOptions(boolean quick, List<Workload> workloads, Path outDir, String command) {

    public BenchOptions {
        workloads = List.copyOf(workloads);
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(command, "command");
    }

    /**
     * The default output directory: {@code jtractor-bench/target/bench} of the source tree that
     * holds the working directory or this code, else {@code jtractor-bench-results} here.
     */
    public static Path defaultOutDir() {
        for (var start : List.of(Path.of("").toAbsolutePath(), codeLocation())) {
            for (var dir = start; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("jtractor-bench").resolve("pom.xml"))) {
                    return dir.resolve("jtractor-bench").resolve("target").resolve("bench");
                }
            }
        }
        return Path.of("jtractor-bench-results").toAbsolutePath();
    }

    private static Path codeLocation() {
        try {
            var source = BenchOptions.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (Exception e) {
            return null;
        }
    }
}
