package io.jtractor.examples.wordcount;

import io.jtractor.Context;
import java.nio.file.Path;
import java.util.List;

/**
 * What a word-count worker actor does; its public static methods are the actor's endpoints.
 *
 * <p>{@link #serve} is the worker's side of the demo's dialog: the worker opens the input
 * itself and the parent streams it ranges of file indices ({@link FileRange}), a couple ahead;
 * the worker reads, decodes and analyses the files of each range, adds their stats to its own
 * tally and answers each range with a {@link FileRange.Done} so that the parent can report
 * progress and hand out the next. A {@code null} range means "no more work": the worker then
 * closes its stream, which ends the parent's receive loop, and returns its tally, once. Every
 * message is a plain value (see {@link FileRange#toMessage()}).
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
     * @param crashAfter fail on purpose after this many files (the demo's {@code --crash}), or
     *     at the end marker if fewer came, so that a worker asked to crash always does;
     *     negative for never
     * @return the worker's totals over all its files, as {@link WorkerTotals#toMessage()}
     * @throws IllegalStateException when {@code crashAfter} is reached
     * @throws IllegalArgumentException if a message is not a {@link FileRange}
     * @throws java.io.UncheckedIOException if the input cannot be read
     */
    public static List<Object> serve(Context ctx, String input, int crashAfter) {
        ctx.started();
        var tally = new WorkerTotals.Tally();
        try (var files = Inputs.open(Path.of(input));
                var stream = ctx.openStream()) {
            for (Object message : stream) {
                if (message == null) {
                    break;
                }
                var range = FileRange.fromMessage(message);
                long bytes = 0;
                for (int i = range.from(); i < range.to(); i++) {
                    var file = files.read(i);
                    if (tally.files() == crashAfter) {
                        throw crash(crashAfter, "at " + file.path());
                    }
                    var stats = Analyzer.analyze(file.decode());
                    tally.add(stats);
                    bytes += stats.bytes();
                }
                stream.send(new FileRange.Done(range.size(), bytes).toMessage());
            }
            if (crashAfter >= 0) {
                throw crash(tally.files(), "at the end of its work");
            }
        }
        return tally.totals().toMessage();
    }

    private static IllegalStateException crash(long files, String where) {
        return new IllegalStateException("worker crashed on purpose (--crash) after " + files
                + " files, " + where);
    }
}
