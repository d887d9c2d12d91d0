package io.jtractor.internal.ipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Listens for TCP connections and hands each one out as a {@link TcpTransport}.
 *
 * <p>{@link #accept()} may be called by one or more threads; {@link #close()} from any thread
 * wakes them.
 */
public final class TcpListener implements Listener {

    private static final int BACKLOG = 128;

    private final ServerSocket server;
    private final TcpAddr addr;
    private final int maxFrameBytes;

    private TcpListener(ServerSocket server, int maxFrameBytes) {
        this.server = server;
        this.addr = new TcpAddr(server.getInetAddress().getHostAddress(), server.getLocalPort());
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Listens on {@code addr} with the default frame limit of 64 MiB; port 0 picks any free
     * port, which {@link #addr()} then tells.
     *
     * @throws UncheckedIOException if the address is in use, not local, or listening fails
     *     otherwise
     */
    public static TcpListener bind(TcpAddr addr) {
        return bind(addr, FrameReader.DEFAULT_MAX_FRAME_BYTES);
    }

    /**
     * Listens on {@code addr}; port 0 picks any free port, which {@link #addr()} then tells.
     *
     * @param maxFrameBytes the largest frame body accepted connections send or accept
     * @throws UncheckedIOException if the address is in use (cause {@link BindException}), not
     *     local, or listening fails otherwise
     */
    public static TcpListener bind(TcpAddr addr, int maxFrameBytes) {
        ServerSocket server = null;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(addr.host(), addr.port()), BACKLOG);
            return new TcpListener(server, maxFrameBytes);
        } catch (IOException e) {
            if (server != null) {
                TcpTransport.closeQuietly(server, e);
            }
            throw new UncheckedIOException("cannot listen on " + addr + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits for the next connection.
     *
     * @throws TransportClosedException if the listener is closed, also while this call waits
     * @throws UncheckedIOException if accepting fails otherwise, e.g. the process is out of
     *     file descriptors; the listener stays open
     */
    public TcpTransport accept() {
        Socket socket;
        try {
            socket = server.accept();
        } catch (IOException e) {
            if (server.isClosed()) {
                throw new TransportClosedException("cannot accept: " + this + " is closed", e);
            }
            throw new UncheckedIOException("accept on " + this + " failed: " + e.getMessage(), e);
        }
        try {
            return TcpTransport.adopt(socket, maxFrameBytes);
        } catch (IOException e) {
            TcpTransport.closeQuietly(socket, e);
            throw new UncheckedIOException("cannot set up the connection from "
                    + socket.getRemoteSocketAddress() + " on " + this + ": " + e.getMessage(), e);
        }
    }

    /** Returns the address listened on, with the actual port when 0 was asked for. */
    public TcpAddr addr() {
        return addr;
    }

    /** Returns whether the listener has not been closed. */
    public boolean isOpen() {
        return !server.isClosed();
    }

    /** Stops listening; a waiting {@link #accept()} throws. Idempotent; never throws. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Nothing to do: the listener counts as closed either way.
        }
    }

    /** Returns e.g. {@code TcpListener[127.0.0.1:1616, open]}. */
    @Override
    public String toString() {
        return "TcpListener[" + addr + ", " + (isOpen() ? "open" : "closed") + "]";
    }
}
