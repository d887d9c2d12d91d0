package io.jtractor.examples.seeds;

import io.jtractor.Context;
import io.jtractor.sc.CancelScope;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The terminal lock of a multi-process debugger: an actor that enters its debugger asks the
 * actor owning the terminal for it, holds it while its session runs, and hands it back with
 * {@value #UNLOCK}. Only the lock dialog is modelled here; attaching a real debugger to the
 * terminal comes with the debug-mode issue.
 */
public final class TerminalLock {

    /** What the owner reports once the requester holds the terminal. */
    public static final String LOCKED = "Locked";

    /** What the requester sends to give the terminal back. */
    public static final String UNLOCK = "pdb_unlock";

    /** What the lock endpoint returns after a clean unlock. */
    public static final String UNLOCK_COMPLETE = "pdb_unlock_complete";

    private static final ReentrantLock terminal = new ReentrantLock(true);
    private static final ReentrantLock stateLock = new ReentrantLock();
    /** Signalled whenever a requester starts or stops waiting. */
    private static final Condition stateChanged = stateLock.newCondition();
    /** Guarded by stateLock: requesters waiting for the terminal. */
    private static int waiting;
    /** The id of the actor that holds the terminal, or null. */
    private static volatile List<String> holderId;

    private TerminalLock() {
    }

    /**
     * Seed #10: waits for the terminal on behalf of {@code subactorUid} (name and uuid), reports
     * {@value #LOCKED} once it holds it, then waits for {@value #UNLOCK} on the stream. The
     * terminal is released however the dialog ends (unlock, cancellation, a lost peer).
     *
     * @throws IllegalStateException if the requester sends anything but {@value #UNLOCK}
     */
    public static String lockTerminalForChild(Context ctx, List<String> subactorUid) {
        acquire();
        try {
            holderId = List.copyOf(subactorUid);
            ctx.started(LOCKED);
            try (var stream = ctx.openStream(String.class)) {
                var msg = stream.receive();
                if (!UNLOCK.equals(msg)) {
                    throw new IllegalStateException("expected \"" + UNLOCK + "\" from "
                            + subactorUid + ", got \"" + msg + "\"");
                }
            }
            return UNLOCK_COMPLETE;
        } finally {
            holderId = null;
            terminal.unlock();
        }
    }

    private static void acquire() {
        changeWaiting(+1);
        try {
            terminal.lockInterruptibly();
        } catch (InterruptedException e) {
            throw CancelScope.interrupted(e);
        } finally {
            changeWaiting(-1);
        }
    }

    private static void changeWaiting(int delta) {
        stateLock.lock();
        try {
            waiting += delta;
            stateChanged.signalAll();
        } finally {
            stateLock.unlock();
        }
    }

    /** Seed #10: the id of the actor holding the terminal, or null when it is free. */
    public static String[] holder() {
        var current = holderId;
        return current == null ? null : current.toArray(String[]::new);
    }

    /**
     * Seed #10: waits until exactly {@code count} requesters wait for the terminal; returns
     * false if that did not happen within 10 s.
     */
    public static boolean awaitWaiting(int count) {
        return Conditions.await(stateLock, stateChanged, () -> waiting == count);
    }
}
