package io.jtractor.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtractor.examples.wordcount.Totals.IdentifierCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalJobTest {

    static final String GREETER = """
            package demo;

            /** Greets. */
            class A {
                String greet() { return "hello world"; }
            }
            """;

    static final String USER = "class B { A a = new A(); }\n";

    @TempDir
    Path dir;

    @Test
    void countsEveryFileOfADirectory() throws IOException {
        Files.writeString(dir.resolve("A.java"), GREETER);
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("b/B.java"), USER);
        Files.writeString(dir.resolve("b/ignored.txt"), "class Ignored {}");
        var progress = Progress.none();

        Totals totals;
        try (var inputs = Inputs.open(dir)) {
            totals = LocalJob.run(inputs, progress);
        }

        assertThat(totals.files()).isEqualTo(2);
        assertThat(totals.lines()).isEqualTo(7);
        assertThat(totals.words()).isEqualTo(25);
        assertThat(totals.bytes()).isEqualTo(114);
        assertThat(totals.identifierOccurrences()).isEqualTo(8);
        assertThat(totals.top(3)).containsExactly(
                new IdentifierCount("A", 3),
                new IdentifierCount("B", 1),
                new IdentifierCount("String", 1));
        assertThat(totals.filesPerWorker()).isEqualTo(Map.of(LocalJob.WORKER_NAME, 2L));
        assertThat(progress.filesDone()).isEqualTo(2);
    }

    @Test
    void workerEndpointAgreesWithTheAnalyzer() {
        var file = new SourceFile("b/B.java", USER);

        assertThat(WordCountWorker.analyzeOne(file)).isEqualTo(Analyzer.analyze(file));
    }
}
