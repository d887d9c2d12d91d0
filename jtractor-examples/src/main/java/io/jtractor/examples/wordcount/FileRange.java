package io.jtractor.examples.wordcount;

/**
 * Work handed to a worker: the files from index {@code from} (inclusive) to {@code to}
 * (exclusive) in the input's stable order (see {@link Inputs#read(int)}). The worker reads them
 * itself, so only two numbers travel, and answers with {@link Done} once it has analysed them.
 *
 * @param from the first file's index
 * @param to one past the last file's index
 */
public record FileRange(int from, int to) {

    /** How many files a range holds at most: small enough to balance, big enough to be cheap. */
    public static final int MAX_FILES = 64;

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException if {@code from} is negative or {@code to} is below it
     */
    public FileRange {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad file range [" + from + ", " + to + ")");
        }
    }

    /**
     * A worker's answer to one range, for the root's progress report.
     *
     * @param files how many files the range held
     * @param bytes their sizes in bytes, summed
     */
    public record Done(int files, long bytes) {
    }
}
