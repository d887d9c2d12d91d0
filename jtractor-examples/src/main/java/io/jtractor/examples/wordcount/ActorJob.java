package io.jtractor.examples.wordcount;

import io.jtractor.ActorNursery;
import io.jtractor.MsgStream;
import io.jtractor.Portal;
import io.jtractor.SpawnOptions;
import io.jtractor.sc.Nursery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The job spread over worker actors: the root opens a context into one {@link WordCountWorker}
 * process per worker and hands out ranges of file indices ({@link FileRange}) over the
 * context's stream; each worker opens the input itself, reads and analyses the files of its
 * ranges, and returns its totals once, as the context's result, which the root merges.
 *
 * <p>Work is shared out on demand: each worker holds {@link #RANGES_AHEAD} ranges and gets the
 * next when it reports one done, so a slower worker simply does fewer files. Only small
 * messages travel while the job runs, all plain values (lists of integers, and a map in the
 * result) that the runtime sends without Jackson; the files' bytes never leave the worker that
 * reads them. A failure in any worker cancels the others and the whole tree is torn down before the
 * failure is raised.
 */
public final class ActorJob {

    /** Ranges a worker holds at a time: one in work and one queued, so it never waits. */
    static final int RANGES_AHEAD = 2;

    private ActorJob() {
    }

    /**
     * Runs the job on {@code workers} worker actors and merges their results.
     *
     * <p>Blocks until every file is analyzed and every worker process has exited. The workers
     * read the files from {@code files}'s root themselves, which must not change meanwhile.
     *
     * @param files the files to analyze; only their number and root are used here
     * @param workers how many worker actors to spawn, at least 1
     * @param crashAfter make the first worker fail on purpose after this many files, to show
     *     how a failure ends the job; negative for never
     * @param progress told about each finished range of files; not closed by this call
     * @return the merged stats, with files counted per worker
     * @throws IllegalArgumentException if {@code workers} is less than 1
     * @throws io.jtractor.RemoteActorException if a worker fails; the job is then cancelled
     */
    public static Totals run(Inputs files, int workers, int crashAfter, Progress progress) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, was " + workers);
        }
        var totals = new Totals();
        var ranges = new Ranges(files.fileCount());
        var input = files.root().toAbsolutePath().toString();
        try (var actors = ActorNursery.open()) {
            var portals = spawnWorkers(actors, workers);
            Nursery.run(tasks -> {
                for (int i = 0; i < portals.size(); i++) {
                    var portal = portals.get(i);
                    int limit = i == 0 ? crashAfter : -1;
                    tasks.startSoon("drive-" + portal.actor().name(),
                            () -> drive(portal, input, limit, ranges, totals, progress));
                }
                return null;
            });
        }
        return totals;
    }

    /** Spawns the workers concurrently: each JVM start takes a few hundred milliseconds. */
    private static List<Portal> spawnWorkers(ActorNursery actors, int workers) {
        var portals = new Portal[workers];
        Nursery.run(tasks -> {
            for (int i = 0; i < workers; i++) {
                int index = i;
                tasks.startSoon(() -> portals[index] = actors.startActor("worker-" + (index + 1),
                        SpawnOptions.exposing(WordCountWorker.class)));
            }
            return null;
        });
        return List.of(portals);
    }

    /**
     * One worker's dialog: keeps it {@link #RANGES_AHEAD} ranges ahead, then the end marker,
     * and merges its totals.
     */
    private static void drive(Portal worker, String input, int crashAfter, Ranges ranges,
            Totals totals, Progress progress) {
        var name = worker.actor().name();
        try (var ctx = worker.openContext(WordCountWorker::serve, input, crashAfter)) {
            try (var stream = ctx.openStream()) {
                boolean ended = false;
                for (int i = 0; i < RANGES_AHEAD && !ended; i++) {
                    ended = sendNext(stream, ranges);
                }
                for (Object message : stream) {
                    var done = FileRange.Done.fromMessage(message);
                    progress.batchDone(done.files(), done.bytes());
                    if (!ended) {
                        ended = sendNext(stream, ranges);
                    }
                }
            }
            totals.addAll(name, WorkerTotals.fromMessage(ctx.result()));
        }
    }

    /** Sends the next range, or the end marker when none is left; returns whether it ended. */
    private static boolean sendNext(MsgStream<Object> stream, Ranges ranges) {
        var range = ranges.next();
        stream.send(range == null ? null : range.toMessage());
        return range == null;
    }

    /** The files' indices, handed out in ranges to every worker's dialog. */
    private static final class Ranges {
        private final int fileCount;
        private final ReentrantLock lock = new ReentrantLock();
        private int next;

        Ranges(int fileCount) {
            this.fileCount = fileCount;
        }

        /** The next range of at most {@link FileRange#MAX_FILES} files, or null at the end. */
        FileRange next() {
            lock.lock();
            try {
                if (next >= fileCount) {
                    return null;
                }
                int from = next;
                next = Math.min(fileCount, from + FileRange.MAX_FILES);
                return new FileRange(from, next);
            } finally {
                lock.unlock();
            }
        }
    }

    /** The pids of processes this JVM started that are still alive. */
    public static List<Long> leftoverProcesses() {
        var alive = new ArrayList<Long>();
        ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .forEach(p -> alive.add(p.pid()));
        return alive;
    }
}
