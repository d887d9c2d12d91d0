package io.jtractor.internal.runtime;

import io.jtractor.Portal;
import io.jtractor.TransportClosed;
import io.jtractor.internal.ipc.Addr;
import io.jtractor.internal.ipc.MsgTransport;
import io.jtractor.internal.ipc.TransportClosedException;
import io.jtractor.internal.ipc.Transports;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.RawValue;
import io.jtractor.sc.CancelScope;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A connection this actor opened to another actor's listening address: to the registrar, or to
 * an actor found through it (SPEC D3). It is read by a task of the runtime's {@code io} nursery
 * and closed with the runtime, unless {@linkplain #close() closed} earlier.
 *
 * <p>Thread-safe: any task may call through it; the connection multiplexes the calls.
 */
public final class RemotePeer {

    private final Connection conn;
    private final PortalImpl portal;
    private final Addr addr;
    /** Counted down by the reader task when the connection's read loop has ended. */
    private final CountDownLatch readerEnded = new CountDownLatch(1);

    private RemotePeer(Connection conn, Addr addr) {
        this.conn = conn;
        this.portal = new PortalImpl(conn, null);
        this.addr = addr;
    }

    /**
     * Connects to the actor listening at {@code addr}, exchanges {@code Aid}s with it and
     * starts reading the connection.
     *
     * @param timeout bound on the connect and, separately, on the peer's {@code Aid}
     * @throws TransportClosed if nothing listens there, or what listens does not answer the
     *     handshake within {@code timeout}; the message says which
     * @throws IllegalStateException if this actor's runtime is ending
     * @throws io.jtractor.sc.Cancelled if the calling task is cancelled meanwhile
     */
    public static RemotePeer connect(ActorRuntime runtime, Addr addr, Duration timeout) {
        MsgTransport transport;
        try {
            transport = Transports.connect(addr, timeout, runtime.config().maxFrameBytes());
        } catch (TransportClosedException e) {
            CancelScope.checkpoint();
            throw new TransportClosed(e.getMessage(), e);
        }
        Msg first;
        try {
            first = Transports.exchange(transport, Connection.ownAid(runtime), timeout);
        } catch (RuntimeException e) {
            transport.close();
            CancelScope.checkpoint();
            throw new TransportClosed("the peer at " + addr + " did not complete the jtractor"
                    + " handshake: " + e.getMessage(), e);
        }
        if (!(first instanceof Msg.Aid aid)) {
            transport.close();
            throw new TransportClosed("the peer at " + addr + " answered the handshake with "
                    + (first == null ? "end of stream" : first.msgType()) + ", not an Aid", null);
        }
        var conn = Connection.open(runtime, transport, aid);
        var peer = new RemotePeer(conn, addr);
        runtime.adoptOutgoing(conn, () -> {
            try {
                conn.readLoop();
            } finally {
                peer.readerEnded.countDown();
            }
        });
        return peer;
    }

    /** A portal to the peer over this connection. */
    public Portal portal() {
        return portal;
    }

    /** The {@code Aid} the peer sent: its id, pid and whether it is the registrar. */
    public Msg.Aid aid() {
        return conn.peerAid();
    }

    /** The address this connection was opened to. */
    public Addr addr() {
        return addr;
    }

    /** Whether the connection is still open. */
    public boolean isOpen() {
        return conn.isOpen();
    }

    /**
     * Calls {@code self:func} in the peer and waits for its value, decoded generically (maps,
     * lists, strings, numbers). If the calling task is cancelled meanwhile, the peer is asked
     * to cancel the call ({@code _cancel_task}) before {@code Cancelled} is raised.
     *
     * @throws io.jtractor.RemoteActorException the method's failure in the peer
     * @throws TransportClosed if the connection is lost
     */
    public Object call(String func, Map<String, ?> kwargs) {
        return portal.call("self", func, Connection.encodeArgs(kwargs), Object.class);
    }

    /**
     * Calls {@code self:func} in the peer and waits at most {@code bound} for its outcome.
     *
     * @throws IllegalStateException if no outcome arrived in time
     * @throws io.jtractor.RemoteActorException the method's failure in the peer
     * @throws TransportClosed if the connection is lost
     */
    public RawValue callWithin(String func, Map<String, ?> kwargs, Duration bound) {
        return conn.callSelf(func, kwargs, bound);
    }

    /** Waits at most {@code bound} until the connection is gone; returns whether it is. */
    public boolean awaitClosed(Duration bound) {
        try {
            return readerEnded.await(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            throw CancelScope.interrupted(e);
        }
    }

    /** Closes the connection; calls still open on it fail with {@link TransportClosed}. */
    public void close() {
        conn.close();
    }

    @Override
    public String toString() {
        return "RemotePeer[" + conn.peer() + " at " + addr + ", "
                + (conn.isOpen() ? "open" : "closed") + "]";
    }
}
