package io.jtractor.examples.wordcount;

import java.util.List;

/**
 * Files sent to a worker in one stream message, and the stats it answers for them. Batching
 * a few files per message keeps the per-message cost of the trip small next to the work.
 *
 * @param files the files, as read
 */
public record FileBatch(List<SourceBytes> files) {

    /** Files are added to a batch until it holds this many bytes... */
    public static final int TARGET_BYTES = 64 * 1024;
    /** ...or this many files. */
    public static final int MAX_FILES = 32;

    public FileBatch {
        files = List.copyOf(files);
    }

    /**
     * The stats of every file of one batch, in the batch's order.
     *
     * @param stats one entry per file
     */
    public record Stats(List<FileStats> stats) {

        public Stats {
            stats = List.copyOf(stats);
        }
    }
}
