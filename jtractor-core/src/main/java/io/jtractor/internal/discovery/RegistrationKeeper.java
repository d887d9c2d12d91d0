package io.jtractor.internal.discovery;

import io.jtractor.internal.ipc.Addr;
import io.jtractor.ActorId;
import io.jtractor.internal.runtime.ActorRuntime;
import io.jtractor.internal.runtime.RemotePeer;
import io.jtractor.sc.Tasks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one actor registered with a registrar that is not itself (SPEC D2): registers when the
 * actor is ready, over a connection (the <em>link</em>) it then keeps open; when the link
 * breaks (the registrar died), retries every {@link #RETRY} until a registrar answers at the
 * address again and registers there; unregisters when the actor ends.
 *
 * <p>When the registrar is the actor's parent, the link is the connection to the parent: no
 * connection of its own is opened, and none is watched, since a child whose parent is gone
 * ends (SPEC A8) rather than waiting for a registrar to come back.
 *
 * <p><b>Implementation overview.</b> {@link #start} makes the first attempt on the runtime's
 * thread, bounded, so that a child is registered by the time its parent sees it ready; then a
 * service task of the runtime ({@link #keep}) watches the link (not the parent's).
 * {@code link} is written by whichever of the two holds the attempt (never both: the task
 * starts after the first attempt) and read by {@link #stop}; {@code stopped} is written by
 * {@link #stop} only. A registration that races with {@code stop} is undone by the attempt
 * itself when it sees {@code stopped}.
 */
final class RegistrationKeeper {

    private static final Logger log = LoggerFactory.getLogger(RegistrationKeeper.class);

    /** How long to wait between attempts while no registrar answers. */
    static final Duration RETRY = Duration.ofMillis(500);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CALL_BOUND = Duration.ofSeconds(2);

    private final ActorRuntime runtime;
    private final Addr registrar;
    /** Whether the registrar is the parent: registration then goes over the parent's link. */
    private final boolean viaParent;
    /** Set once registered over the parent's link; never cleared. */
    private volatile boolean registeredViaParent;
    private volatile RemotePeer link;
    private volatile boolean stopped;
    /** Written by the attempt in progress only: whether a failure was already logged. */
    private boolean failureLogged;

    /**
     * @param viaParent whether {@code registrar} is this child's parent, to be called over the
     *     connection to it
     */
    RegistrationKeeper(ActorRuntime runtime, Addr registrar, boolean viaParent) {
        this.runtime = runtime;
        this.registrar = registrar;
        this.viaParent = viaParent;
    }

    /**
     * Registers once (bounded), then keeps the registration in a service task; over the
     * parent's link when the parent is the registrar, with nothing to keep if that succeeds.
     */
    void start() {
        if (viaParent && registerViaParent()) {
            return;
        }
        attempt();
        runtime.startService("registration-keeper", this::keep);
    }

    /** Whether the actor is registered right now, as far as this side knows. */
    boolean isRegistered() {
        if (registeredViaParent) {
            return runtime.isParentConnected();
        }
        var current = link;
        return current != null && current.isOpen();
    }

    /** Whether the actor registered over the connection to its parent. */
    boolean isRegisteredThroughParent() {
        return registeredViaParent;
    }

    /** Registers over the connection to the parent, the registrar; returns whether it did. */
    private boolean registerViaParent() {
        try {
            runtime.callParent("register_actor",
                    registerArgs(runtime.id(), runtime.listenAddr()), CALL_BOUND);
        } catch (RuntimeException e) {
            log.debug("actor {} cannot register with its parent, the registrar at {} ({}):"
                    + " trying over a connection of its own", runtime.id(), registrar,
                    e.toString());
            return false;
        }
        registeredViaParent = true;
        log.debug("actor {} registered with its parent, the registrar at {}", runtime.id(),
                registrar);
        if (stopped) {
            unregisterViaParent(CALL_BOUND);
        }
        return true;
    }

    private void keep() {
        while (!stopped) {
            var current = link;
            if (current != null && current.isOpen()) {
                current.awaitClosed(Duration.ofSeconds(1));
                continue;
            }
            if (current != null && !stopped) {
                link = null;
                log.debug("actor {} lost its registrar at {}: registering again once one"
                        + " answers there", runtime.id(), registrar);
            }
            if (!attempt() && !stopped) {
                Tasks.sleep(RETRY);
            }
        }
    }

    /** One registration attempt; returns whether the actor is now registered. */
    private boolean attempt() {
        RemotePeer peer = null;
        try {
            peer = RemotePeer.connect(runtime, registrar, CONNECT_TIMEOUT);
            peer.callWithin("register_actor", registerArgs(runtime.id(), runtime.listenAddr()),
                    CALL_BOUND);
        } catch (RuntimeException e) {
            if (peer != null) {
                peer.close();
            }
            if (!failureLogged) {
                failureLogged = true;
                log.debug("actor {} cannot register with the registrar at {} ({}); it keeps"
                        + " trying every {} ms", runtime.id(), registrar, e.getMessage(),
                        RETRY.toMillis());
            }
            return false;
        }
        link = peer;
        if (failureLogged) {
            failureLogged = false;
            log.debug("actor {} registered with the registrar at {} again", runtime.id(),
                    registrar);
        } else {
            log.debug("actor {} registered with the registrar at {}", runtime.id(), registrar);
        }
        if (stopped) {
            unregister(peer, CALL_BOUND);
        }
        return true;
    }

    /**
     * Unregisters (waiting at most {@code bound}) and closes the link; the service task then
     * ends. Called once, when the actor ends.
     */
    void stop(Duration bound) {
        stopped = true;
        if (registeredViaParent) {
            unregisterViaParent(bound);
            return;
        }
        var current = link;
        if (current != null && current.isOpen()) {
            unregister(current, bound);
        }
    }

    private void unregister(RemotePeer peer, Duration bound) {
        try {
            peer.callWithin("unregister_actor", unregisterArgs(runtime.id()), bound);
            log.debug("actor {} unregistered from the registrar at {}", runtime.id(), registrar);
        } catch (RuntimeException e) {
            log.debug("actor {} could not unregister from the registrar at {}: {}", runtime.id(),
                    registrar, e.toString());
        } finally {
            peer.close();
        }
    }

    /** Unregisters over the parent's link, which stays open: the runtime closes it last. */
    private void unregisterViaParent(Duration bound) {
        try {
            runtime.callParent("unregister_actor", unregisterArgs(runtime.id()), bound);
            log.debug("actor {} unregistered from its parent, the registrar at {}",
                    runtime.id(), registrar);
        } catch (RuntimeException e) {
            log.debug("actor {} could not unregister from its parent, the registrar at {}: {}",
                    runtime.id(), registrar, e.toString());
        }
    }

    /** The arguments of {@code register_actor}, in the reference's order: uid, then addr. */
    static Map<String, Object> registerArgs(ActorId id, Addr addr) {
        var args = new LinkedHashMap<String, Object>();
        args.put("uid", Wire.actorId(id));
        args.put("addr", addr.toWire());
        return args;
    }

    /** The arguments of {@code unregister_actor}. */
    static Map<String, Object> unregisterArgs(ActorId id) {
        return Map.of("uid", Wire.actorId(id));
    }

    @Override
    public String toString() {
        return "RegistrationKeeper[" + runtime.id() + " with " + registrar
                + (viaParent ? " (the parent), " : ", ")
                + (isRegistered() ? "registered" : "not registered") + "]";
    }
}
