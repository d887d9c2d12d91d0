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
 * <p><b>Implementation overview.</b> {@link #start} makes the first attempt on the runtime's
 * thread, bounded, so that a child is registered by the time its parent sees it ready; then a
 * service task of the runtime ({@link #keep}) watches the link. {@code link} is written by
 * whichever of the two holds the attempt (never both: the task starts after the first attempt)
 * and read by {@link #stop}; {@code stopped} is written by {@link #stop} only. A registration
 * that races with {@code stop} is undone by the attempt itself when it sees {@code stopped}.
 */
final class RegistrationKeeper {

    private static final Logger log = LoggerFactory.getLogger(RegistrationKeeper.class);

    /** How long to wait between attempts while no registrar answers. */
    static final Duration RETRY = Duration.ofMillis(500);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CALL_BOUND = Duration.ofSeconds(2);

    private final ActorRuntime runtime;
    private final Addr registrar;
    private volatile RemotePeer link;
    private volatile boolean stopped;
    /** Written by the attempt in progress only: whether a failure was already logged. */
    private boolean failureLogged;

    RegistrationKeeper(ActorRuntime runtime, Addr registrar) {
        this.runtime = runtime;
        this.registrar = registrar;
    }

    /** Registers once (bounded), then keeps the registration in a service task. */
    void start() {
        attempt();
        runtime.startService("registration-keeper", this::keep);
    }

    /** Whether the actor is registered right now, as far as this side knows. */
    boolean isRegistered() {
        var current = link;
        return current != null && current.isOpen();
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
        return "RegistrationKeeper[" + runtime.id() + " with " + registrar + ", "
                + (isRegistered() ? "registered" : "not registered") + "]";
    }
}
