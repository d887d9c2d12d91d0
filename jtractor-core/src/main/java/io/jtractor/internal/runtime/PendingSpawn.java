package io.jtractor.internal.runtime;

import io.jtractor.ActorId;
import io.jtractor.sc.CancelScope;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A child process we started and whose connection back we wait for. */
final class PendingSpawn {

    private final ActorId child;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by lock. */
    private Connection conn;
    /** Guarded by lock. */
    private boolean exited;

    PendingSpawn(ActorId child) {
        this.child = child;
    }

    void connected(Connection connection) {
        lock.lock();
        try {
            conn = connection;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void processExited() {
        lock.lock();
        try {
            exited = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the child's connection: returns it, or null if the process exited first or the
     * time ran out. Cancellable.
     */
    Connection await(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        lock.lock();
        try {
            while (conn == null && !exited) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                try {
                    changed.await(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    throw CancelScope.interrupted(e);
                }
            }
            return conn;
        } finally {
            lock.unlock();
        }
    }

    ActorId child() {
        return child;
    }
}
