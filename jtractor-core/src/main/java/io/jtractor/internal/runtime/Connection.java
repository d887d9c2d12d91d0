package io.jtractor.internal.runtime;

import io.jtractor.TransportClosed;
import io.jtractor.internal.ipc.MsgTransport;
import io.jtractor.internal.ipc.TransportClosedException;
import io.jtractor.internal.msg.ActorId;
import io.jtractor.internal.msg.MalformedMessageException;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.Payloads;
import io.jtractor.internal.msg.RawValue;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection between this actor and one peer: every RPC, context and stream between the two
 * multiplexes over it, each dialog keyed by its context id (SPEC P6).
 *
 * <p><b>Implementation overview.</b> One reader task ({@link #readLoop}) owns the transport's
 * receiving side: it decodes each frame and hands it to the dialog registered under its cid
 * ({@link ContextImpl#deliver}, which never blocks), or to the runtime for a {@code Start}. Any
 * task may send; the transport writes each frame whole under its own lock. When the transport
 * fails or the peer hangs up, every dialog on the connection fails at once with
 * {@link TransportClosed} and the child-side tasks are cancelled (SPEC C12). A malformed frame is
 * answered with an {@code Error} and the connection goes on (SPEC W5).
 */
final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    /** Key of the Aid extension map that announces credit-based flow control. */
    static final String EXT_CREDITS = "credits";

    private final ActorRuntime runtime;
    private final MsgTransport transport;
    private final Msg.Aid peerAid;
    private final ActorId peer;
    private final boolean credits;
    private final Map<String, ContextImpl> dialogs = new ConcurrentHashMap<>();
    /** An Error that arrived outside any dialog (a child failing at boot); read at close. */
    private volatile RuntimeException unattributedError;
    private volatile boolean open = true;
    private volatile Throwable closeCause;

    Connection(ActorRuntime runtime, MsgTransport transport, Msg.Aid peerAid) {
        this.runtime = runtime;
        this.transport = transport;
        this.peerAid = peerAid;
        this.peer = peerAid.actorId();
        this.credits = Boolean.TRUE.equals(peerAid.extensions().get(EXT_CREDITS));
    }

    /** This side's Aid, announcing the jtractor extensions it supports (SPEC W4). */
    static Msg.Aid ownAid(ActorRuntime runtime) {
        var ext = new LinkedHashMap<String, Object>();
        ext.put(EXT_CREDITS, Boolean.TRUE);
        return new Msg.Aid(runtime.id().name(), runtime.id().uuid(), ProcessHandle.current().pid(),
                runtime.isRegistrar(), false, ext);
    }

    /**
     * Exchanges Aids on a fresh transport: sends ours, reads theirs. A first frame that is not
     * an Aid drops the connection (SPEC W3).
     */
    static Msg.Aid handshake(ActorRuntime runtime, MsgTransport transport) {
        transport.send(ownAid(runtime));
        var first = transport.receive();
        if (first instanceof Msg.Aid aid) {
            return aid;
        }
        transport.close();
        throw new TransportClosedException("the first frame from " + transport.remoteAddr()
                + " was " + (first == null ? "end of stream" : first.msgType())
                + ", not an Aid: connection dropped", null);
    }

    ActorRuntime runtime() {
        return runtime;
    }

    ActorId peer() {
        return peer;
    }

    Msg.Aid peerAid() {
        return peerAid;
    }

    boolean usesCredits() {
        return credits;
    }

    boolean isOpen() {
        return open;
    }

    RuntimeException unattributedError() {
        return unattributedError;
    }

    // ---- sending -----------------------------------------------------------------------------

    /**
     * Sends one message.
     *
     * @throws TransportClosed if the connection is gone
     */
    void send(Msg msg) {
        if (!open) {
            throw closedError();
        }
        try {
            transport.send(msg);
        } catch (TransportClosedException e) {
            lost(e);
            throw closedError();
        }
    }

    /** Sends one message if the connection is still open; a failure is only logged. */
    void trySend(Msg msg) {
        if (!open) {
            return;
        }
        try {
            transport.send(msg);
        } catch (RuntimeException e) {
            log.debug("dropped {} for {}: {}", msg.msgType(), peer, e.toString());
        }
    }

    private TransportClosed closedError() {
        return new TransportClosed("the connection to " + peer + " is closed", closeCause);
    }

    // ---- dialogs ---------------------------------------------------------------------------

    /**
     * Opens a dialog as the caller: registers it, sends {@code Start} and returns at once.
     *
     * @param initialWindow credits granted right after the Start (streams from the callee), or 0
     */
    ContextImpl start(String ns, String func, Map<String, RawValue> kwargs, ContextImpl.Role role,
            EndpointKind kind, Type resultType, int initialWindow) {
        var cid = UUID.randomUUID().toString();
        var ctx = new ContextImpl(this, cid, role, kind, resultType);
        dialogs.put(cid, ctx);
        try {
            send(new Msg.Start(cid, ns, func, kwargs, runtime.id(), Msg.Start.DEFAULT_PLD_SPEC));
            if (initialWindow > 0) {
                ctx.grantWindow(initialWindow);
            }
        } catch (RuntimeException e) {
            dialogs.remove(cid);
            throw e;
        }
        return ctx;
    }

    static Map<String, RawValue> encodeArgs(Map<String, ?> kwargs) {
        var encoded = new LinkedHashMap<String, RawValue>();
        kwargs.forEach((k, v) -> encoded.put(k, Payloads.encode(v)));
        return encoded;
    }

    /** Calls a runtime method in the peer's reserved namespace and waits for its outcome. */
    RawValue callSelf(String func, Map<String, ?> kwargs) {
        var ctx = start("self", func, encodeArgs(kwargs), ContextImpl.Role.CALL,
                EndpointKind.PLAIN, Object.class, 0);
        try {
            ctx.awaitAck();
            return ctx.awaitOutcome();
        } finally {
            unregister(ctx);
        }
    }

    /**
     * Asks the peer to cancel the child task of dialog {@code cid} and waits at most
     * {@code timeout} for the acknowledgement. Returns whether it was acknowledged in time.
     */
    boolean cancelTask(String cid, Duration timeout) {
        var ctx = start("self", "_cancel_task", encodeArgs(Map.of("cid", cid)),
                ContextImpl.Role.CALL, EndpointKind.PLAIN, Boolean.class, 0);
        try {
            return ctx.awaitDoneFor(timeout) && ctx.error().isEmpty()
                    && Boolean.TRUE.equals(ctx.result(Boolean.class));
        } finally {
            unregister(ctx);
        }
    }

    void register(ContextImpl ctx) {
        dialogs.put(ctx.contextId(), ctx);
    }

    void unregister(ContextImpl ctx) {
        dialogs.remove(ctx.contextId(), ctx);
    }

    ContextImpl dialog(String cid) {
        return dialogs.get(cid);
    }

    // ---- reading -----------------------------------------------------------------------------

    /** Reads and dispatches until the peer hangs up or the transport fails. */
    void readLoop() {
        Throwable cause = null;
        try {
            while (true) {
                Msg msg;
                try {
                    msg = transport.receive();
                } catch (MalformedMessageException e) {
                    rejectMalformed(e);
                    continue;
                }
                if (msg == null) {
                    break;
                }
                dispatch(msg);
            }
        } catch (Throwable t) {
            cause = t;
        } finally {
            lost(cause);
        }
    }

    private void dispatch(Msg msg) {
        if (log.isTraceEnabled()) {
            log.trace("{} <- {}: {}", runtime.id(), peer, msg);
        }
        switch (msg) {
            case Msg.Start start -> runtime.handleStart(this, start);
            case Msg.Aid aid -> log.warn("unexpected second Aid from {}: ignored", peer);
            case Msg.SpawnSpec spec -> log.warn("unexpected SpawnSpec from {}: ignored", peer);
            case Msg.ErrorMsg err when err.cid() == null || dialogs.get(err.cid()) == null -> {
                var boxed = Errors.unbox(err);
                unattributedError = boxed;
                log.warn("error from {} outside any open dialog: {}", peer,
                        boxed.getMessage().lines().findFirst().orElse(""));
            }
            default -> {
                var ctx = dialogs.get(msg.cid());
                if (ctx == null) {
                    log.debug("{} from {} for unknown or finished context {}: dropped",
                            msg.msgType(), peer, msg.cid());
                    return;
                }
                ctx.deliver(msg);
            }
        }
    }

    private void rejectMalformed(MalformedMessageException e) {
        log.warn("malformed message from {}: {}", peer, e.getMessage());
        var type = io.jtractor.MessageTypeException.class.getName();
        trySend(new Msg.ErrorMsg(runtime.id(), type, type, List.of(runtime.id()),
                "malformed message from " + peer + " rejected: " + e.getMessage(), "", null,
                runtime.id(), null, null, null));
    }

    /** The connection is gone: fail every dialog on it and tell the runtime. Idempotent. */
    void lost(Throwable cause) {
        if (!open) {
            return;
        }
        open = false;
        closeCause = cause == null && unattributedError != null ? unattributedError : cause;
        transport.close();
        var failure = new TransportClosed("the connection to " + peer + " was lost"
                + (cause == null ? " (peer hung up)" : ": " + cause), closeCause);
        for (var ctx : dialogs.values()) {
            ctx.connectionLost(failure);
        }
        runtime.connectionClosed(this);
    }

    /** Closes the connection from this side. */
    void close() {
        lost(null);
    }

    @Override
    public String toString() {
        return "Connection[" + runtime.id() + " <-> " + peer + ", " + (open ? "open" : "closed")
                + ", dialogs=" + dialogs.size() + "]";
    }
}
