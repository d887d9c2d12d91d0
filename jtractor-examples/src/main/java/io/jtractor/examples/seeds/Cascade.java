package io.jtractor.examples.seeds;

import io.jtractor.Context;
import io.jtractor.MsgStream;
import io.jtractor.sc.CancelScope;
import io.jtractor.sc.Channel;
import io.jtractor.sc.Nursery;
import io.jtractor.sc.ReceiveChannel;
import io.jtractor.sc.Tasks;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A cascade of a financial signal processor (fsp): it computes an output series from a source
 * series, keeps the output aligned with the source as bars are appended on every sample step,
 * and recomputes it (telling the client {@value #UPDATE}) when the source's history changes.
 *
 * <p>The reference shares both series with the client as shared-memory arrays; those come with
 * an issue of their own. Here they are actor-local arrays named by token, which a parent reads
 * and writes through the plain endpoints {@link #writeArray}, {@link #readArray},
 * {@link #appendBar} and {@link #prependHistory}; the context and stream dialog is the
 * reference's.
 */
public final class Cascade {

    /** What the cascade sends its client after recomputing the output from scratch. */
    public static final String UPDATE = "update";

    /** The built-in processors by namespace path. */
    private static final Map<String, Processor> builtins = Map.of(
            "jtractor.fsp:sma3", Cascade::sma3,
            "jtractor.fsp:change", Cascade::change);

    /** Token to array: the stand-in for shared memory. */
    private static final Map<String, Series> arrays = new ConcurrentHashMap<>();
    /** Source token to the step channels of the cascades following it. */
    private static final Map<String, Set<Channel<Long>>> stepListeners =
            new ConcurrentHashMap<>();

    private Cascade() {
    }

    /** A signal processor: an output series of the same length as its input. */
    @FunctionalInterface
    private interface Processor {
        double[] compute(double[] source);
    }

    /**
     * The compute task of a cascade.
     *
     * @param scope cancelling it stops the task
     * @param complete counted down when the task has ended
     * @param index the last output index it computed
     */
    private record Tracker(CancelScope scope, CountDownLatch complete, int index) {
    }

    /**
     * Seed #27: attaches the source array {@code srcToken} and the output array
     * {@code dstToken}, computes the processor {@code nsPath} over the source in a compute task,
     * reports the last output index, then on every sample step of the source either appends an
     * output row (a copy of the last one, or zero with {@code zeroOnStep}) or, when the source's
     * history changed, recomputes the output and sends {@value #UPDATE} on the stream.
     *
     * @throws IllegalArgumentException for an unknown processor or source array
     */
    public static void cascade(Context ctx, String fqsn, String srcToken, String dstToken,
            String nsPath, boolean zeroOnStep) {
        var src = existing(srcToken);
        var processor = builtins.get(nsPath);
        if (processor == null) {
            throw new IllegalArgumentException("unknown fsp target " + nsPath + " for " + fqsn
                    + "; the built-ins are " + builtins.keySet());
        }
        var dst = arrays.computeIfAbsent(dstToken, token -> new Series());
        var steps = Channel.<Long>unbounded();
        stepListeners.computeIfAbsent(srcToken, token -> ConcurrentHashMap.newKeySet())
                .add(steps);
        try {
            Nursery.run(tasks -> {
                var tracker = startCompute(tasks, processor, src, dst);
                ctx.started(tracker.index());
                try (var client = ctx.openStream()) {
                    followSteps(steps.receiver(), tracker,
                            () -> startCompute(tasks, processor, src, dst), client, src, dst,
                            zeroOnStep);
                }
                return null;
            });
        } finally {
            stepListeners.get(srcToken).remove(steps);
        }
    }

    private static Tracker startCompute(Nursery tasks, Processor processor, Series src,
            Series dst) {
        var complete = new CountDownLatch(1);
        return tasks.start(status -> {
            try {
                CancelScope.run(scope -> {
                    dst.replace(processor.compute(src.values()));
                    status.started(new Tracker(scope, complete, dst.length() - 1));
                    Tasks.sleepForever();
                });
            } finally {
                complete.countDown();
            }
        });
    }

    /** How followSteps restarts the compute task. */
    @FunctionalInterface
    private interface Restart {
        Tracker start();
    }

    private static void followSteps(ReceiveChannel<Long> steps, Tracker first, Restart restart,
            MsgStream<?> client, Series src, Series dst, boolean zeroOnStep) {
        var tracker = first;
        for (long step : steps) {
            if (!isSynced(src, dst)) {
                while (!isSynced(src, dst)) {
                    tracker = resync(tracker, restart, client);
                }
                if (stepDifference(src, dst) == 0) {
                    continue;
                }
            }
            dst.append(zeroOnStep ? 0 : dst.last());
        }
    }

    private static Tracker resync(Tracker tracker, Restart restart, MsgStream<?> client) {
        tracker.scope().cancel("the source history changed");
        try {
            tracker.complete().await();
        } catch (InterruptedException e) {
            throw CancelScope.interrupted(e);
        }
        var fresh = restart.start();
        client.send(UPDATE);
        return fresh;
    }

    /**
     * Whether the output is aligned with the source: lengths within 2, and the output at most
     * one step behind and never ahead.
     */
    private static boolean isSynced(Series src, Series dst) {
        int stepDiff = stepDifference(src, dst);
        int lengthDiff = Math.abs(src.length() - dst.length());
        return lengthDiff <= 2 && stepDiff <= 1 && stepDiff >= 0;
    }

    private static int stepDifference(Series src, Series dst) {
        return src.length() - dst.length();
    }

    /** Seed #27: creates or replaces the array {@code token}. */
    public static void writeArray(String token, double[] values) {
        arrays.computeIfAbsent(token, t -> new Series()).replace(values);
    }

    /**
     * Seed #27: the current contents of the array {@code token}.
     *
     * @throws IllegalArgumentException if there is no such array
     */
    public static double[] readArray(String token) {
        return existing(token).values();
    }

    /**
     * Seed #27: appends a bar to the source array {@code srcToken} and fires a sample step to
     * the cascades following it; returns the new last index.
     */
    public static int appendBar(String srcToken, double close) {
        var src = existing(srcToken);
        src.append(close);
        int index = src.length() - 1;
        for (var steps : stepListeners.getOrDefault(srcToken, Set.of())) {
            steps.sender().trySend((long) index);
        }
        return index;
    }

    /** Seed #27: prepends older history to the source array {@code srcToken} (a backfill). */
    public static void prependHistory(String srcToken, double[] older) {
        existing(srcToken).prepend(older);
    }

    /**
     * Seed #27: waits until the array {@code token} has {@code length} rows; returns false if
     * that did not happen within 10 s.
     */
    public static boolean awaitLength(String token, int length) {
        var series = arrays.computeIfAbsent(token, t -> new Series());
        return Conditions.await(series.lock, series.changed, () -> series.length() == length);
    }

    private static Series existing(String token) {
        var series = arrays.get(token);
        if (series == null) {
            throw new IllegalArgumentException("no array " + token + "; the arrays are "
                    + arrays.keySet());
        }
        return series;
    }

    /** Simple moving average over 3 bars (over fewer at the start). */
    private static double[] sma3(double[] closes) {
        var out = new double[closes.length];
        for (int i = 0; i < closes.length; i++) {
            int from = Math.max(0, i - 2);
            out[i] = Arrays.stream(closes, from, i + 1).average().orElse(0);
        }
        return out;
    }

    /** Close-to-close change (0 for the first bar). */
    private static double[] change(double[] closes) {
        var out = new double[closes.length];
        for (int i = 1; i < closes.length; i++) {
            out[i] = closes[i] - closes[i - 1];
        }
        return out;
    }

    /** A growable array of doubles that signals every change. */
    private static final class Series {

        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        /** Guarded by lock; replaced, never mutated. */
        private double[] values = new double[0];

        double[] values() {
            lock.lock();
            try {
                return values.clone();
            } finally {
                lock.unlock();
            }
        }

        int length() {
            lock.lock();
            try {
                return values.length;
            } finally {
                lock.unlock();
            }
        }

        double last() {
            lock.lock();
            try {
                return values.length == 0 ? 0 : values[values.length - 1];
            } finally {
                lock.unlock();
            }
        }

        void replace(double[] next) {
            update(next.clone());
        }

        void append(double value) {
            lock.lock();
            try {
                var next = Arrays.copyOf(values, values.length + 1);
                next[values.length] = value;
                update(next);
            } finally {
                lock.unlock();
            }
        }

        void prepend(double[] older) {
            lock.lock();
            try {
                var next = new double[older.length + values.length];
                System.arraycopy(older, 0, next, 0, older.length);
                System.arraycopy(values, 0, next, older.length, values.length);
                update(next);
            } finally {
                lock.unlock();
            }
        }

        private void update(double[] next) {
            lock.lock();
            try {
                values = next;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
