package io.jtractor.examples.seeds;

import io.jtractor.Context;
import io.jtractor.MsgStream;
import io.jtractor.RemoteActorException;
import io.jtractor.TransportClosed;
import io.jtractor.sc.ClosedResourceException;
import io.jtractor.sc.Tasks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An OHLC sampler: subscribers register per sampling period and receive the sample index each
 * time a bar of that period completes. The steps are fired by {@link #broadcastStep} (a clock in
 * a real system, a test here).
 */
public final class OhlcSampler {

    private static final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a subscriber registers or leaves. */
    private static final Condition subscribersChanged = lock.newCondition();
    /** Guarded by lock: sampling period in seconds to the streams subscribed to it. */
    private static final Map<Integer, List<MsgStream<?>>> subscribers = new HashMap<>();
    /** The index of the last sample step, over every period. */
    private static final AtomicLong index = new AtomicLong();

    private OhlcSampler() {
    }

    /**
     * Seed #7: subscribes the caller to the steps of the {@code delaySeconds} period and holds
     * the subscription until the context is cancelled; the subscription is removed however the
     * context ends.
     */
    public static void iterOhlcPeriods(Context ctx, int delaySeconds) {
        ctx.started();
        try (var stream = ctx.openStream()) {
            register(delaySeconds, stream);
            try {
                Tasks.sleepForever();
            } finally {
                unregister(delaySeconds, stream);
            }
        }
    }

    private static void register(int delaySeconds, MsgStream<?> stream) {
        lock.lock();
        try {
            subscribers.computeIfAbsent(delaySeconds, d -> new ArrayList<>()).add(stream);
            subscribersChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static void unregister(int delaySeconds, MsgStream<?> stream) {
        lock.lock();
        try {
            subscribers.getOrDefault(delaySeconds, new ArrayList<>()).remove(stream);
            subscribersChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Seed #7: completes a bar of the {@code delaySeconds} period: advances the sample index and
     * sends it to that period's subscribers. Returns how many subscribers it reached.
     */
    public static int broadcastStep(int delaySeconds) {
        long step = index.incrementAndGet();
        int reached = 0;
        for (var stream : snapshot(delaySeconds)) {
            try {
                stream.send(step);
                reached++;
            } catch (ClosedResourceException | RemoteActorException | TransportClosed gone) {
                unregister(delaySeconds, stream);
            }
        }
        return reached;
    }

    private static List<MsgStream<?>> snapshot(int delaySeconds) {
        lock.lock();
        try {
            return List.copyOf(subscribers.getOrDefault(delaySeconds, List.of()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Seed #7: waits until exactly {@code count} streams are subscribed to the
     * {@code delaySeconds} period; returns false if that did not happen within 10 s.
     */
    public static boolean awaitSubscribers(int delaySeconds, int count) {
        return Conditions.await(lock, subscribersChanged,
                () -> subscribers.getOrDefault(delaySeconds, List.of()).size() == count);
    }
}
