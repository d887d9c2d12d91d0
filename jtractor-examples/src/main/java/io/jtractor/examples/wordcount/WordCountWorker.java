package io.jtractor.examples.wordcount;

import io.jtractor.Context;
import java.util.ArrayList;

/**
 * What a word-count worker actor does; its public static methods are the actor's endpoints.
 *
 * <p>{@link #serve} is the worker's side of the demo's dialog: the parent streams files as read,
 * a few per message ({@link FileBatch}); the worker decodes and analyses them and answers each
 * batch with the {@link FileStats} of its files as soon as the batch is done,
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
     * {@code null} end marker, answering each batch with the stats of its files.
     *
     * @param crashAfter fail on purpose after this many files (the demo's {@code --crash});
     *     negative for never
     * @return the number of files analysed
     * @throws IllegalStateException when {@code crashAfter} is reached
     */
    public static int serve(Context ctx, int crashAfter) {
        ctx.started();
        int done = 0;
        try (var stream = ctx.openStream(FileBatch.class)) {
            for (FileBatch batch : stream) {
                if (batch == null) {
                    break;
                }
                var stats = new ArrayList<FileStats>(batch.files().size());
                for (var file : batch.files()) {
                    if (done == crashAfter) {
                        throw new IllegalStateException("worker crashed on purpose (--crash)"
                                + " after " + done + " files, at " + file.path());
                    }
                    stats.add(Analyzer.analyze(file.decode()));
                    done++;
                }
                stream.send(new FileBatch.Stats(stats));
            }
        }
        return done;
    }
}
