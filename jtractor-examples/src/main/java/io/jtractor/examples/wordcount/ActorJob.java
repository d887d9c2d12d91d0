package io.jtractor.examples.wordcount;

import io.jtractor.ActorNursery;
import io.jtractor.Portal;
import io.jtractor.SpawnOptions;
import io.jtractor.sc.Nursery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The job spread over worker actors: the root opens a context into one {@link WordCountWorker}
 * process per worker, streams files to each over the context's stream (a few per message, see
 * {@link FileBatch}) and merges the per-file stats each worker streams back.
 *
 * <p>Every worker pulls files from one shared iterator as fast as its stream's flow control
 * lets it, so a slower worker simply receives fewer files. A failure in any worker cancels the
 * others and the whole tree is torn down before the failure is raised.
 */
public final class ActorJob {

    private ActorJob() {
    }

    /**
     * Runs the job on {@code workers} worker actors and merges their results.
     *
     * <p>Blocks until every file is analyzed and every worker process has exited.
     *
     * @param files the files to analyze, read (not decoded) by this call
     * @param workers how many worker actors to spawn, at least 1
     * @param crashAfter make the first worker fail on purpose after this many files, to show
     *     how a failure ends the job; negative for never
     * @param progress told about each finished file; not closed by this call
     * @return the merged stats, with files counted per worker
     * @throws IllegalArgumentException if {@code workers} is less than 1
     * @throws io.jtractor.RemoteActorException if a worker fails; the job is then cancelled
     */
    public static Totals run(Inputs files, int workers, int crashAfter, Progress progress) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, was " + workers);
        }
        var totals = new Totals();
        var source = new SharedFiles(files);
        try (var actors = ActorNursery.open()) {
            var portals = spawnWorkers(actors, workers);
            Nursery.run(tasks -> {
                for (int i = 0; i < portals.size(); i++) {
                    var portal = portals.get(i);
                    int limit = i == 0 ? crashAfter : -1;
                    tasks.startSoon("drive-" + portal.actor().name(),
                            () -> drive(portal, limit, source, totals, progress));
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

    /** One worker's dialog: a sender task feeds files, this task merges the answers. */
    private static void drive(Portal worker, int crashAfter, SharedFiles source, Totals totals,
            Progress progress) {
        var name = worker.actor().name();
        try (var ctx = worker.openContext(WordCountWorker::serve, crashAfter)) {
            try (var stream = ctx.openStream(FileBatch.Stats.class)) {
                Nursery.run(tasks -> {
                    tasks.startSoon("feed-" + name, () -> {
                        FileBatch batch;
                        while ((batch = source.nextBatch()) != null) {
                            stream.send(batch);
                        }
                        stream.send(null);
                    });
                    for (FileBatch.Stats batch : stream) {
                        for (var stats : batch.stats()) {
                            totals.add(name, stats);
                            progress.fileDone(stats.bytes());
                        }
                    }
                    return null;
                });
            }
            ctx.result();
        }
    }

    /** The input shared by every worker's feeder. */
    private static final class SharedFiles {
        private final Inputs files;
        private final ReentrantLock lock = new ReentrantLock();

        SharedFiles(Inputs files) {
            this.files = files;
        }

        /** The next few files (about {@link FileBatch#TARGET_BYTES}), or null at the end. */
        FileBatch nextBatch() {
            lock.lock();
            try {
                var batch = new ArrayList<SourceBytes>();
                long bytes = 0;
                while (files.hasNext() && bytes < FileBatch.TARGET_BYTES
                        && batch.size() < FileBatch.MAX_FILES) {
                    var file = files.nextBytes();
                    batch.add(file);
                    bytes += file.content().length;
                }
                return batch.isEmpty() ? null : new FileBatch(batch);
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
