package io.jtractor.examples.wordcount;

import java.util.Iterator;
import java.util.concurrent.CancellationException;

/**
 * The whole job in the calling thread: read, analyze, merge, one file after another.
 *
 * <p>This is the baseline that the actor version is measured against, so it does nothing but
 * the work itself.
 */
public final class LocalJob {

    /** The worker name under which this job's files are counted in {@link Totals}. */
    public static final String WORKER_NAME = "local";

    private LocalJob() {
    }

    /**
     * Analyzes every file and merges the results.
     *
     * <p>Blocks the calling thread until all files are done; it does not close {@code files}
     * or {@code progress}. An interrupt stops the job between two files.
     *
     * @param files the files to analyze, consumed by this call
     * @param progress told about each finished file
     * @return the merged stats, with every file counted under {@link #WORKER_NAME}
     * @throws java.io.UncheckedIOException if reading a file fails
     * @throws CancellationException if the thread is interrupted; the interrupt stays set
     */
    public static Totals run(Iterator<SourceFile> files, Progress progress) {
        var totals = new Totals();
        while (files.hasNext()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException(
                        "local job interrupted after " + totals.files() + " files");
            }
            FileStats stats = Analyzer.analyze(files.next());
            totals.add(WORKER_NAME, stats);
            progress.fileDone(stats.bytes());
        }
        return totals;
    }
}
