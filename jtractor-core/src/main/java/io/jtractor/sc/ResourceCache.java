package io.jtractor.sc;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keyed resources shared by the tasks of one process (SPEC T5): the first task that asks for a
 * key creates the resource, later ones share it, and the last one out tears it down.
 *
 * <pre>{@code
 * var cache = ResourceCache.shared();
 * try (var lease = cache.open("feed:" + symbol, key -> Resource.of(connect(key)))) {
 *     use(lease.value());
 * }   // the last user out closes the connection, and waits for that
 * }</pre>
 *
 * <ul>
 * <li>Creation runs in the first user's task, under its cancellation. Tasks asking for the key
 *     meanwhile wait. If the creation fails or is cancelled, the key is free again: its error goes
 *     to the first user only, and the next user (a waiting one or a newcomer) creates again.
 * <li>Each {@link Lease} counts as one user until it is closed. Closing the last lease tears the
 *     resource down in the closing task, shielded from its cancellation so that it completes;
 *     {@code close()} returns when the teardown has ended and raises the teardown's error.
 * <li>A task asking for the key during the teardown waits for it to end and then gets a freshly
 *     created resource.
 * </ul>
 *
 * <p>A key must always be used with the same kind of resource: the factory given with a key that
 * is already cached is not consulted.
 *
 * <p><b>Implementation overview.</b> One lock guards the map from key to entry and every entry's
 * state (CREATING, READY, TEARING_DOWN) and user count; each entry has a condition that is
 * signalled whenever its state changes or it leaves the map. Creation and teardown run with the
 * lock released; the entry stays in the map meanwhile, so other tasks asking for the key wait on
 * it. It leaves the map (under the lock, signalling its waiters) when a creation fails and when a
 * teardown ends, after which a waiter finds no entry and creates one itself.
 */
public final class ResourceCache {

    private static final ResourceCache SHARED = new ResourceCache();

    private enum State { CREATING, READY, TEARING_DOWN }

    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by lock. */
    private final Map<Object, Entry> entries = new HashMap<>();

    /** Creates an empty cache; most code uses the process-wide {@link #shared()} one. */
    public ResourceCache() {
    }

    /** The process-wide cache. */
    public static ResourceCache shared() {
        return SHARED;
    }

    /**
     * Returns a lease on the resource for {@code key}, creating it with {@code factory} if no
     * task holds one.
     *
     * <p>Blocks while another task creates or tears down the resource for this key, and while
     * this task's own factory runs.
     *
     * @throws Cancelled if the calling task was cancelled before or while waiting, or while its
     *     factory ran (the key is then free for the next user)
     * @throws NullPointerException if the key or factory is null, or the factory returned null
     * @throws RuntimeException what the factory raised (a checked exception wrapped in a
     *     {@link java.util.concurrent.CompletionException})
     */
    public <K, V> Lease<V> open(K key, Factory<? super K, ? extends V> factory) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(factory, "factory must not be null");
        CancelScope.checkpoint();
        Entry mine = findOrReserve(key);
        if (mine.state == State.READY) {
            return new Lease<>(mine, true);
        }
        Resource<? extends V> resource;
        try {
            resource = Objects.requireNonNull(factory.create(key),
                    "the factory for key=" + key + " returned null instead of a Resource");
        } catch (Throwable t) {
            release(mine);
            if (t instanceof InterruptedException e) {
                throw CancelScope.interrupted(e);
            }
            throw ExceptionGroup.unchecked(t);
        }
        lock.lock();
        try {
            mine.value = resource.value();
            mine.teardown = resource.teardown();
            mine.state = State.READY;
            mine.changed.signalAll();
        } finally {
            lock.unlock();
        }
        return new Lease<>(mine, false);
    }

    /**
     * Returns the READY entry for {@code key} with one more user, or a new CREATING entry whose
     * creation is now the caller's job (counted as its one user).
     */
    private Entry findOrReserve(Object key) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            throw CancelScope.interrupted(e);
        }
        try {
            while (true) {
                var entry = entries.get(key);
                if (entry == null) {
                    entry = new Entry(key);
                    entries.put(key, entry);
                    return entry;
                }
                if (entry.state == State.READY) {
                    entry.users++;
                    return entry;
                }
                try {
                    entry.changed.await();
                } catch (InterruptedException e) {
                    throw CancelScope.interrupted(e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes an entry whose creation failed or whose teardown ended out of the map. */
    private void release(Entry entry) {
        lock.lock();
        try {
            entries.remove(entry.key, entry);
            entry.changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many leases on {@code key} are open now (0 when the key is not cached). */
    public int users(Object key) {
        lock.lock();
        try {
            var entry = entries.get(key);
            return entry == null || entry.state != State.READY ? 0 : entry.users;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "ResourceCache[keys=" + entries.size() + "]";
        } finally {
            lock.unlock();
        }
    }

    /** One key's resource. Fields other than key and changed are guarded by the cache lock. */
    private final class Entry {
        final Object key;
        final Condition changed = lock.newCondition();
        State state = State.CREATING;
        int users = 1;
        Object value;
        Resource.Teardown teardown;

        Entry(Object key) {
            this.key = key;
        }

        ResourceCache cache() {
            return ResourceCache.this;
        }
    }

    /**
     * Creates a resource for a key.
     *
     * @param <K> the key type
     * @param <V> the resource type
     */
    @FunctionalInterface
    public interface Factory<K, V> {
        Resource<V> create(K key) throws Exception;
    }

    /**
     * One user's hold on a cached resource; closing it ends the hold. Any thread may close it.
     *
     * @param <V> the resource type
     */
    public static final class Lease<V> implements AutoCloseable {
        private final ResourceCache.Entry entry;
        private final ResourceCache cache;
        private final boolean reused;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(ResourceCache.Entry entry, boolean reused) {
            this.entry = entry;
            this.cache = entry.cache();
            this.reused = reused;
        }

        /**
         * The shared resource.
         *
         * @throws IllegalStateException if this lease was closed
         */
        @SuppressWarnings("unchecked")
        public V value() {
            if (closed.get()) {
                throw new IllegalStateException("this lease on key=" + entry.key + " was closed");
            }
            return (V) entry.value;
        }

        /** Whether this lease shares a resource another task created (a cache hit). */
        public boolean reused() {
            return reused;
        }

        /**
         * Ends this hold. When it was the last one, tears the resource down (shielded from the
         * caller's cancellation) and returns when the teardown has ended. Idempotent.
         *
         * @throws RuntimeException the teardown's error (checked exceptions wrapped in a
         *     {@link java.util.concurrent.CompletionException})
         */
        @Override
        public void close() {
            if (closed.getAndSet(true)) {
                return;
            }
            cache.leave(entry);
        }

        @Override
        public String toString() {
            return "Lease[key=" + entry.key + (reused ? ", reused" : ", created")
                    + (closed.get() ? ", closed" : "") + "]";
        }
    }

    /** A user leaves; the last one tears the resource down and frees the key. */
    private void leave(Entry entry) {
        Resource.Teardown teardown;
        lock.lock();
        try {
            if (--entry.users > 0) {
                return;
            }
            entry.state = State.TEARING_DOWN;
            teardown = entry.teardown;
        } finally {
            lock.unlock();
        }
        try {
            CancelScope.shielded(scope -> {
                teardown.run();
                return null;
            });
        } finally {
            release(entry);
        }
    }
}
