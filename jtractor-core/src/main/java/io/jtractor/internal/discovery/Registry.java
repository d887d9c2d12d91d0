package io.jtractor.internal.discovery;

import io.jtractor.internal.ipc.Addr;
import io.jtractor.ActorId;
import io.jtractor.sc.CancelScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The registrar's book: which actor listens where (SPEC D2). Names are not unique; an actor is
 * keyed by its id and may register several addresses. Thread-safe: every field below is
 * guarded by {@code lock}, and {@code changed} is signalled whenever {@code version} moves.
 */
final class Registry {

    /**
     * One registered actor.
     *
     * @param id the actor's id
     * @param pid its OS process id when it registered itself, else null
     * @param addrs the addresses it listens on, in registration order
     * @param sequence when it registered first, for newest-first lookups
     */
    record Entry(ActorId id, Long pid, List<Addr> addrs, long sequence) {
        Entry {
            addrs = List.copyOf(addrs);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<ActorId, Entry> entries = new LinkedHashMap<>();
    private long version;
    private long nextSequence;

    /** Adds {@code addr} to the entry of {@code id}, creating the entry if needed. */
    void register(ActorId id, Addr addr, Long pid) {
        lock.lock();
        try {
            var old = entries.get(id);
            if (old == null) {
                entries.put(id, new Entry(id, pid, List.of(addr), nextSequence++));
            } else if (!old.addrs().contains(addr) || (old.pid() == null && pid != null)) {
                var addrs = new ArrayList<>(old.addrs());
                if (!addrs.contains(addr)) {
                    addrs.add(addr);
                }
                entries.put(id, new Entry(id, old.pid() != null ? old.pid() : pid, addrs,
                        old.sequence()));
            }
            bumpLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Removes the entry of {@code id}; returns whether there was one. */
    boolean unregister(ActorId id) {
        lock.lock();
        try {
            boolean removed = entries.remove(id) != null;
            if (removed) {
                bumpLocked();
            }
            return removed;
        } finally {
            lock.unlock();
        }
    }

    /** Removes {@code entry} if it is still the current entry of its actor. */
    boolean remove(Entry entry) {
        lock.lock();
        try {
            boolean removed = entries.remove(entry.id(), entry);
            if (removed) {
                bumpLocked();
            }
            return removed;
        } finally {
            lock.unlock();
        }
    }

    /** Removes the actor registered at {@code addr} and returns its id, if there was one. */
    Optional<ActorId> deleteAddr(Addr addr) {
        lock.lock();
        try {
            var found = entries.values().stream().filter(e -> e.addrs().contains(addr))
                    .findFirst();
            found.ifPresent(e -> {
                entries.remove(e.id());
                bumpLocked();
            });
            return found.map(Entry::id);
        } finally {
            lock.unlock();
        }
    }

    /** The actors called {@code name}, the most recently registered first. */
    List<Entry> candidates(String name) {
        lock.lock();
        try {
            return entries.values().stream().filter(e -> e.id().name().equals(name))
                    .sorted(Comparator.comparingLong(Entry::sequence).reversed()).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Every entry, in registration order. */
    List<Entry> entries() {
        lock.lock();
        try {
            return List.copyOf(entries.values());
        } finally {
            lock.unlock();
        }
    }

    /** A counter that moves on every change. */
    long version() {
        lock.lock();
        try {
            return version;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the registry has changed since {@code seen} was read from {@link #version()}.
     *
     * @throws io.jtractor.sc.Cancelled if the calling task is cancelled
     */
    void awaitChange(long seen) {
        lock.lock();
        try {
            while (version == seen) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    throw CancelScope.interrupted(e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void bumpLocked() {
        version++;
        changed.signalAll();
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "Registry[" + entries.size() + " actors]";
        } finally {
            lock.unlock();
        }
    }
}
