package io.jtractor.examples.wordcount;

import java.util.Iterator;

/**
 * The job spread over worker actors: the root streams files to one {@link WordCountWorker}
 * process per worker and merges the stats they return.
 */
public final class ActorJob {

    private ActorJob() {
    }

    /**
     * Runs the job on {@code workers} worker actors and merges their results.
     *
     * <p>Blocks until every file is analyzed and every worker has ended.
     *
     * @param files the files to analyze, consumed by this call
     * @param workers how many worker actors to spawn, at least 1
     * @param crash whether one worker should fail midway, to show how a failure ends the job
     * @param progress told about each finished file; not closed by this call
     * @return the merged stats, with files counted per worker
     * @throws IllegalArgumentException if {@code workers} is less than 1
     * @throws RuntimeException if a worker fails; the job is then cancelled
     */
    public static Totals run(
            Iterator<SourceFile> files,
            int workers,
            boolean crash,
            Progress progress) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, was " + workers);
        }
        // TODO: spawn the workers through the actor runtime once its API lands; until then
        // the job runs in this process, which gives the same totals.
        System.err.println("actor mode not wired yet: running in this process"
                + " (workers=" + workers + ", crash=" + crash + " ignored)");
        return LocalJob.run(files, progress);
    }
}
