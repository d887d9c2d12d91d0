package io.jtractor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        var command = new CommandLine(new Main());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    private void writeSources() throws IOException {
        Files.writeString(dir.resolve("A.java"), """
                package demo;

                /** Greets. */
                class A {
                    String greet() { return "hello world"; }
                }
                """);
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("b/B.java"), "class B { A a = new A(); }\n");
        Files.writeString(dir.resolve("b/readme.txt"), "not a source");
    }

    @Test
    void demoInThisProcessPrintsExactTotals() throws IOException {
        writeSources();

        int exitCode = execute("demo", "--workers", "0", "--input", dir.toString());

        assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
        assertThat(out.toString())
                .contains("jtractor demo: 2 files (0.0 MB) from " + dir
                        + ", in this process (--workers 0)")
                .contains("\nfiles        2\n")
                .contains("\nlines        7\n")
                .contains("\nwords        25\n")
                .contains("\nbytes        114 (0.0 MB)\n")
                .contains("\nidentifiers  8 occurrences, 6 distinct\n")
                .contains("\ntop 6 identifiers\n")
                .containsPattern("\n +1\\. A +3\n +2\\. B +1\n +3\\. String +1\n")
                .containsPattern("\n  local +2\n");
        assertThat(err.toString()).contains("progress: ended after 2 files");
    }

    @Test
    void noProgressPrintsNothingOnStandardError() throws IOException {
        writeSources();

        int exitCode = execute(
                "demo", "--workers", "0", "--no-progress", "--input", dir.toString());

        assertThat(exitCode).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void missingInputIsAUsageErrorOnOneLine() {
        Path missing = dir.resolve("nowhere");

        int exitCode = execute("demo", "--workers", "0", "--input", missing.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("jtractor demo: input not found: " + missing
                        + " (expected a directory or a zip file)" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unreadableInputFailsTheJobOnOneLine() throws IOException {
        Path zip = dir.resolve("broken.zip");
        try (var zipOut = new ZipOutputStream(Files.newOutputStream(zip))) {
            zipOut.putNextEntry(new ZipEntry("A.java"));
            zipOut.write("class A {}".getBytes(StandardCharsets.UTF_8));
        }
        // Break the entry's local header; the central directory still lists it.
        byte[] bytes = Files.readAllBytes(zip);
        bytes[0] = 0;
        Files.write(zip, bytes);

        int exitCode = execute(
                "demo", "--workers", "0", "--no-progress", "--input", zip.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("jtractor demo: job failed: UncheckedIOException: cannot read entry"
                        + " A.java of " + zip + "; caused by ZipException: ")
                .hasLineCount(1);
    }

    @Test
    void negativeWorkersIsAUsageError() {
        int exitCode = execute("demo", "--workers", "-1", "--input", dir.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--workers must be >= 0, was -1");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(execute("demo", "--frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertThat(execute()).isEqualTo(2);
        assertThat(err.toString()).contains("missing subcommand");
    }

    @Test
    void versionIsPrinted() {
        assertThat(execute("--version")).isZero();
        assertThat(out.toString()).isEqualTo("0.1.0" + System.lineSeparator());
    }
}
