package io.jtractor.examples.wordcount;

import io.jtractor.Context;
import java.nio.file.Path;

/**
 * What a word-count worker actor does; its public static methods are the actor's endpoints.
 *
 * <p>{@link #serve} is the worker's side of the demo's dialog: the worker opens the input
 * itself and the parent streams it ranges of file indices ({@link FileRange}), a couple ahead;
 * the worker reads, decodes and analyses the files of each range, adds their stats to its own
 * tally and answers each range with a {@link FileRange.Done} so that the parent can report
 * progress and hand out the next. A {@code null} range means "no more work": the worker then
 * closes its stream, which ends the parent's receive loop, and returns its tally, once.
 */
public final class WordCountWorker {

    private WordCountWorker() {
    }

    /**
     * Analyzes one file; the pure function a worker applies to each file it reads.
     *
     * @param file the file to analyze
     * @return its stats
     * @throws NullPointerException if {@code file} is null
     */
    public static FileStats analyzeOne(SourceFile file) {
        return Analyzer.analyze(file);
    }

    /**
     * The worker's context endpoint: analyzes the files of every range the parent streams
     * until the {@code null} end marker, answering each range when it is done.
     *
     * @param input the directory or zip file the parent lists, the same unchanged input
     * @param crashAfter fail on purpose after this many files (the demo's {@code --crash});
     *     negative for never
     * @return the worker's totals over all its files
     * @throws IllegalStateException when {@code crashAfter} is reached
     * @throws java.io.UncheckedIOException if the input cannot be read
     */
    public static WorkerTotals serve(Context ctx, String input, int crashAfter) {
        ctx.started();
        var tally = new WorkerTotals.Tally();
        try (var files = Inputs.open(Path.of(input));
                var stream = ctx.openStream(FileRange.class)) {
            for (FileRange range : stream) {
                if (range == null) {
                    break;
                }
                long bytes = 0;
                for (int i = range.from(); i < range.to(); i++) {
                    var file = files.read(i);
                    if (tally.files() == crashAfter) {
                        throw new IllegalStateException("worker crashed on purpose (--crash)"
                                + " after " + crashAfter + " files, at " + file.path());
                    }
                    var stats = Analyzer.analyze(file.decode());
                    tally.add(stats);
                    bytes += stats.bytes();
                }
                stream.send(new FileRange.Done(range.to() - range.from(), bytes));
            }
        }
        return tally.totals();
    }
}
