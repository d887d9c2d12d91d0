package io.jtractor.internal.ipc;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A {@link MsgTransport} over a TCP connection, with {@code TCP_NODELAY} on and 64 KiB stream
 * buffers; each message is flushed as soon as it is written.
 *
 * <p>Create one with {@link #connect} or {@link TcpListener#accept()}.
 */
public final class TcpTransport extends StreamTransport {

    static final int STREAM_BUFFER_BYTES = 64 * 1024;

    private final Socket socket;
    private final TcpAddr localAddr;
    private final TcpAddr remoteAddr;

    private TcpTransport(Socket socket, FrameInputStream in, OutputStream out, int maxFrameBytes) {
        super(in, out, maxFrameBytes);
        this.socket = socket;
        this.localAddr = new TcpAddr(socket.getLocalAddress().getHostAddress(),
                socket.getLocalPort());
        this.remoteAddr = new TcpAddr(socket.getInetAddress().getHostAddress(), socket.getPort());
    }

    /**
     * Connects to {@code addr} with the default frame limit of 64 MiB.
     *
     * @see #connect(TcpAddr, Duration, int)
     */
    public static TcpTransport connect(TcpAddr addr, Duration timeout) {
        return connect(addr, timeout, FrameReader.DEFAULT_MAX_FRAME_BYTES);
    }

    /**
     * Connects to {@code addr}, blocking until connected or {@code timeout} has passed.
     *
     * @param maxFrameBytes the largest frame body this end sends or accepts
     * @throws IllegalArgumentException if {@code timeout} is not positive
     * @throws TransportClosedException if no connection was made; its cause is a
     *     {@link ConnectException} if the peer refused, a {@link SocketTimeoutException} if
     *     {@code timeout} passed first, another {@link IOException} otherwise
     */
    public static TcpTransport connect(TcpAddr addr, Duration timeout, int maxFrameBytes) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, found " + timeout);
        }
        int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        var socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(addr.host(), addr.port()), timeoutMillis);
            return adopt(socket, maxFrameBytes);
        } catch (IOException e) {
            closeQuietly(socket, e);
            throw new TransportClosedException("cannot connect to " + addr + " within "
                    + timeoutMillis + " ms: " + e.getMessage(), e);
        }
    }

    /** Wraps a connected socket; closes nothing on failure. */
    static TcpTransport adopt(Socket socket, int maxFrameBytes) throws IOException {
        socket.setTcpNoDelay(true);
        var in = new FrameInputStream(socket.getInputStream(), STREAM_BUFFER_BYTES);
        var out = new BufferedOutputStream(socket.getOutputStream(), STREAM_BUFFER_BYTES);
        return new TcpTransport(socket, in, out, maxFrameBytes);
    }

    @Override
    public TcpAddr localAddr() {
        return localAddr;
    }

    @Override
    public TcpAddr remoteAddr() {
        return remoteAddr;
    }

    @Override
    void closeConnection() throws IOException {
        socket.close();
    }

    static void closeQuietly(AutoCloseable c, Exception primary) {
        try {
            c.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }
}
