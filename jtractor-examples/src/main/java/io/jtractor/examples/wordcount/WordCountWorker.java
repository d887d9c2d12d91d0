package io.jtractor.examples.wordcount;

/**
 * What a word-count worker actor does; its public static methods are the actor's endpoints.
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
}
