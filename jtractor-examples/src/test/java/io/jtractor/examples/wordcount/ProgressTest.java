package io.jtractor.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final StringWriter output = new StringWriter();
    private final AtomicLong nanos = new AtomicLong(1_000);

    private Progress progress(Progress.Style style, int totalFiles) {
        return new Progress(style, new PrintWriter(output), totalFiles, nanos::get);
    }

    private void advanceMillis(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void plainLinesComeAtEachTenthAndEndWithASummary() {
        try (var progress = progress(Progress.Style.LINES, 20)) {
            for (int i = 0; i < 20; i++) {
                advanceMillis(50);
                progress.fileDone(500_000);
            }
        }

        assertThat(output.toString()).isEqualTo("""
                progress: 2/20 files (10%), 10.0 MB/s
                progress: 4/20 files (20%), 10.0 MB/s
                progress: 6/20 files (30%), 10.0 MB/s
                progress: 8/20 files (40%), 10.0 MB/s
                progress: 10/20 files (50%), 10.0 MB/s
                progress: 12/20 files (60%), 10.0 MB/s
                progress: 14/20 files (70%), 10.0 MB/s
                progress: 16/20 files (80%), 10.0 MB/s
                progress: 18/20 files (90%), 10.0 MB/s
                progress: 20/20 files (100%), 10.0 MB/s
                progress: ended after 20 files, 10.0 MB in 1.00 s
                """.replace("\n", System.lineSeparator()));
    }

    @Test
    void plainLinesComeEveryTwoSecondsWhenTheTotalIsUnknown() {
        try (var progress = progress(Progress.Style.LINES, -1)) {
            for (int i = 0; i < 5; i++) {
                advanceMillis(1_000);
                progress.fileDone(1_000_000);
            }
        }

        assertThat(output.toString()).isEqualTo("""
                progress: 2 files, 1.0 MB/s
                progress: 4 files, 1.0 MB/s
                progress: ended after 5 files, 5.0 MB in 5.00 s
                """.replace("\n", System.lineSeparator()));
    }

    @Test
    void closingTwiceReportsOnceAndLaterFilesAreIgnored() {
        var progress = progress(Progress.Style.LINES, 100);
        progress.close();
        progress.close();
        progress.fileDone(10);

        assertThat(progress.filesDone()).isZero();
        assertThat(output.toString()).isEqualTo(
                "progress: ended after 0 files, 0.0 MB in 0.00 s" + System.lineSeparator());
    }

    @Test
    void barRedrawsAtMostTenTimesASecondAndEndsWithANewline() {
        try (var progress = progress(Progress.Style.BAR, 1_000)) {
            for (int i = 0; i < 1_000; i++) {
                advanceMillis(1);
                progress.fileDone(1_000);
            }
        }

        String text = output.toString();
        assertThat(text).endsWith("\n");
        assertThat(text.chars().filter(c -> c == '\r').count()).isEqualTo(11);
        assertThat(text).contains(
                "\r[" + "#".repeat(30) + "] 1000/1000 files 100%  1.0 MB/s");
        assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test
    void barWithoutATotalShowsTheCount() {
        try (var progress = progress(Progress.Style.BAR, -1)) {
            advanceMillis(500);
            progress.fileDone(2_000_000);
        }

        assertThat(output.toString()).isEqualTo("\r1 files  4.0 MB/s\r1 files  4.0 MB/s\n");
    }

    @Test
    void noneReportsNothing() {
        try (var progress = Progress.none()) {
            progress.fileDone(1);

            assertThat(progress.filesDone()).isEqualTo(1);
        }
    }
}
