package io.jtractor.internal.ipc;

/**
 * Listens for connections on one address and hands each one out as a {@link MsgTransport}:
 * {@link TcpListener} or {@link UdsListener}.
 *
 * <p>{@link #accept()} may be called by one or more threads; {@link #close()} from any thread
 * wakes them.
 */
public sealed interface Listener extends AutoCloseable permits TcpListener, UdsListener {

    /**
     * Waits for the next connection.
     *
     * @throws TransportClosedException if the listener is closed, also while this call waits
     * @throws java.io.UncheckedIOException if accepting fails otherwise; the listener stays open
     */
    MsgTransport accept();

    /** Returns the address listened on (for TCP with the actual port when 0 was asked for). */
    Addr addr();

    /** Returns whether the listener has not been closed. */
    boolean isOpen();

    /** Stops listening (a UDS listener also deletes its socket file). Idempotent; never throws. */
    @Override
    void close();
}
