package io.jtractor.bench.workloads;

import java.util.Arrays;

/**
 * Durations of single operations, in nanoseconds, and their percentiles.
 *
 * <p>Percentiles are nearest-rank: the p-th percentile of n samples is the smallest sample that
 * at least p % of the samples do not exceed, the {@code ceil(p / 100 * n)}-th in ascending
 * order. It is always one of the samples. Not thread-safe.
 */
public final class Samples {

    private long[] nanos;
    private int size;

    public Samples(int expected) {
        nanos = new long[Math.max(16, expected)];
    }

    public void add(long durationNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, 2 * size);
        }
        nanos[size++] = durationNanos;
    }

    public int size() {
        return size;
    }

    /** The arithmetic mean, in nanoseconds. */
    public double mean() {
        if (size == 0) {
            throw new IllegalStateException("no samples: no mean");
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += nanos[i];
        }
        return sum / size;
    }

    /**
     * The nearest-rank percentile, in nanoseconds.
     *
     * @throws IllegalStateException if there are no samples
     */
    public long percentile(double percent) {
        if (size == 0) {
            throw new IllegalStateException("no samples: no " + percent + "th percentile");
        }
        var sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        return nearestRank(sorted, percent);
    }

    /**
     * The nearest-rank percentile of values already in ascending order.
     *
     * @throws IllegalArgumentException if {@code sorted} is empty or {@code percent} is outside
     *     (0, 100]
     */
    public static long nearestRank(long[] sorted, double percent) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values: no " + percent + "th percentile");
        }
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("a percentile lies in (0, 100], got " + percent);
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** The middle value of {@code values} (nearest-rank 50th percentile); sorts a copy. */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values: no median");
        }
        var sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(sorted.length / 2.0) - 1];
    }
}
