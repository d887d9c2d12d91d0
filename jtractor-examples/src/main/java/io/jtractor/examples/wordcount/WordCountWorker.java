package io.jtractor.examples.wordcount;

import io.jtractor.Context;

/**
 * What a word-count worker actor does; its public static methods are the actor's endpoints.
 *
 * <p>{@link #serve} is the worker's side of the demo's dialog: the parent streams files as read
 * ({@link SourceBytes}), the worker decodes and answers each with its {@link FileStats} as soon
 * as it is done,
 * and a {@code null} file means "no more work": the worker then closes its stream, which ends
 * the parent's receive loop, and returns how many files it analysed.
 */
public final class WordCountWorker {

    private WordCountWorker() {
    }

    /**
     * Analyzes one file; the pure function a worker applies to each file it receives.
     *
     * @param file the file to analyze
     * @return its stats
     * @throws NullPointerException if {@code file} is null
     */
    public static FileStats analyzeOne(SourceFile file) {
        return Analyzer.analyze(file);
    }

    /**
     * The worker's context endpoint: analyzes every file the parent streams until the
     * {@code null} end marker, answering each with its stats.
     *
     * @param crashAfter fail on purpose after this many files (the demo's {@code --crash});
     *     negative for never
     * @return the number of files analysed
     * @throws IllegalStateException when {@code crashAfter} is reached
     */
    public static int serve(Context ctx, int crashAfter) {
        ctx.started();
        int done = 0;
        try (var stream = ctx.openStream(SourceBytes.class)) {
            for (SourceBytes file : stream) {
                if (file == null) {
                    break;
                }
                if (done == crashAfter) {
                    throw new IllegalStateException("worker crashed on purpose (--crash) after "
                            + done + " files, at " + file.path());
                }
                stream.send(Analyzer.analyze(file.decode()));
                done++;
            }
        }
        return done;
    }
}
