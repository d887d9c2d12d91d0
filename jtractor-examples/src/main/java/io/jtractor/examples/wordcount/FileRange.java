package io.jtractor.examples.wordcount;

import java.util.List;

/**
 * Work handed to a worker: the files from index {@code from} (inclusive) to {@code to}
 * (exclusive) in the input's stable order (see {@link Inputs#read(int)}). The worker reads them
 * itself, so only two numbers travel, and answers with {@link Done} once it has analysed them.
 *
 * <p>Both travel as lists of two integers ({@link #toMessage()}, {@link #fromMessage}), plain
 * values that the runtime encodes and decodes without Jackson: a worker whose messages are all
 * plain never loads Jackson, which would cost it a third of a second of CPU to load and warm.
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

    /** How many files the range holds. */
    public int size() {
        return to - from;
    }

    /** This range as it travels: {@code [from, to]}. */
    public List<Integer> toMessage() {
        return List.of(from, to);
    }

    /**
     * The range that {@link #toMessage()} sent, as the receiver decodes it.
     *
     * @throws IllegalArgumentException if {@code message} is not a list of two integers that
     *     make a range
     */
    public static FileRange fromMessage(Object message) {
        long[] fields = Messages.integers(message, 2, "file range");
        return new FileRange(Messages.toInt(fields[0], "from"), Messages.toInt(fields[1], "to"));
    }

    /**
     * A worker's answer to one range, for the root's progress report; travels as
     * {@code [files, bytes]}.
     *
     * @param files how many files the range held
     * @param bytes their sizes in bytes, summed
     */
    public record Done(int files, long bytes) {

        /** This answer as it travels: {@code [files, bytes]}. */
        public List<Long> toMessage() {
            return List.of((long) files, bytes);
        }

        /**
         * The answer that {@link #toMessage()} sent, as the receiver decodes it.
         *
         * @throws IllegalArgumentException if {@code message} is not a list of two integers
         */
        public static Done fromMessage(Object message) {
            long[] fields = Messages.integers(message, 2, "range answer");
            return new Done(Messages.toInt(fields[0], "files"), fields[1]);
        }
    }
}
