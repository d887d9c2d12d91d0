package io.jtractor.internal.ipc;

import io.jtractor.internal.msg.Msg;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Dialling and listening on an {@link Addr} of either kind, TCP or Unix domain socket. */
public final class Transports {

    private Transports() {
    }

    /**
     * Connects to {@code addr}.
     *
     * @param timeout how long a TCP connect may take (a UDS connect does not wait)
     * @param maxFrameBytes the largest frame body the transport sends or accepts
     * @throws TransportClosedException if no connection was made; the cause says why
     */
    public static MsgTransport connect(Addr addr, Duration timeout, int maxFrameBytes) {
        return switch (addr) {
            case TcpAddr tcp -> TcpTransport.connect(tcp, timeout, maxFrameBytes);
            case UdsAddr uds -> UdsTransport.connect(uds, maxFrameBytes);
        };
    }

    /**
     * Listens on {@code addr}: a TCP port (0 for any free one) or a socket file that must not
     * exist yet.
     *
     * @throws java.io.UncheckedIOException if the address is in use or listening fails
     *     otherwise; for TCP the cause of an address in use is a {@link java.net.BindException}
     */
    public static Listener bind(Addr addr, int maxFrameBytes) {
        return switch (addr) {
            case TcpAddr tcp -> TcpListener.bind(tcp, maxFrameBytes);
            case UdsAddr uds -> UdsListener.bind(uds, maxFrameBytes);
        };
    }

    /**
     * Sends {@code first} on a fresh transport and waits at most {@code timeout} for the peer's
     * first message: the opening exchange of a connection (both ends send their {@code Aid}).
     * The exchange runs on a virtual thread, so that the wait is bounded whatever thread calls.
     *
     * @return the peer's first message, or null if it closed the connection without one
     * @throws TransportClosedException if the exchange fails, or the peer sent nothing within
     *     {@code timeout} (the transport is then closed), or the calling thread is interrupted
     *     (the transport is closed and the interrupt flag set again)
     * @throws io.jtractor.internal.msg.MalformedMessageException if the first frame is not a
     *     valid message
     */
    public static Msg exchange(MsgTransport transport, Msg first, Duration timeout) {
        var outcome = new AtomicReference<Object>();
        var worker = Thread.ofVirtual().name("exchange-" + transport.remoteAddr()).start(() -> {
            try {
                transport.send(first);
                outcome.set(transport.receive());
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
        try {
            if (!worker.join(timeout)) {
                transport.close();
                throw new TransportClosedException(transport.remoteAddr() + " sent nothing within "
                        + timeout.toMillis() + " ms of the connection opening", null);
            }
        } catch (InterruptedException e) {
            transport.close();
            Thread.currentThread().interrupt();
            throw new TransportClosedException("interrupted while waiting for the first message"
                    + " from " + transport.remoteAddr(), e);
        }
        if (outcome.get() instanceof RuntimeException failure) {
            throw failure;
        }
        return (Msg) outcome.get();
    }
}
