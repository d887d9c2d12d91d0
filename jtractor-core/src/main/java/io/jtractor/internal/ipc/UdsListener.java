package io.jtractor.internal.ipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;

/**
 * Listens for Unix domain socket connections and hands each one out as a {@link UdsTransport}.
 *
 * <p>Binding creates the socket file and fails if it exists; {@link #close()} deletes it.
 * {@link #accept()} may be called by one or more threads; {@link #close()} from any thread
 * wakes them.
 */
public final class UdsListener implements Listener {

    private static final int BACKLOG = 128;

    private final ServerSocketChannel channel;
    private final UdsAddr addr;
    private final int maxFrameBytes;

    private UdsListener(ServerSocketChannel channel, UdsAddr addr, int maxFrameBytes) {
        this.channel = channel;
        this.addr = addr;
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Listens on the socket file of {@code addr} with the default frame limit of 64 MiB.
     *
     * @throws UncheckedIOException if the file exists, its folder does not, or binding fails
     *     otherwise
     */
    public static UdsListener bind(UdsAddr addr) {
        return bind(addr, FrameReader.DEFAULT_MAX_FRAME_BYTES);
    }

    /**
     * Listens on the socket file of {@code addr}.
     *
     * @param maxFrameBytes the largest frame body accepted connections send or accept
     * @throws UncheckedIOException if the file exists, its folder does not, or binding fails
     *     otherwise
     */
    public static UdsListener bind(UdsAddr addr, int maxFrameBytes) {
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            channel.bind(UnixDomainSocketAddress.of(addr.path()), BACKLOG);
            return new UdsListener(channel, addr, maxFrameBytes);
        } catch (IOException e) {
            if (channel != null) {
                TcpTransport.closeQuietly(channel, e);
            }
            throw new UncheckedIOException("cannot listen on " + addr + ": " + e, e);
        }
    }

    /**
     * Waits for the next connection.
     *
     * @throws TransportClosedException if the listener is closed, also while this call waits
     * @throws UncheckedIOException if accepting fails otherwise; the listener stays open
     */
    public UdsTransport accept() {
        SocketChannel peer;
        try {
            peer = channel.accept();
        } catch (IOException e) {
            if (!channel.isOpen()) {
                throw new TransportClosedException("cannot accept: " + this + " is closed", e);
            }
            throw new UncheckedIOException("accept on " + this + " failed: " + e, e);
        }
        try {
            return UdsTransport.adopt(peer, maxFrameBytes);
        } catch (IOException e) {
            TcpTransport.closeQuietly(peer, e);
            throw new UncheckedIOException("cannot set up an accepted connection on " + this
                    + ": " + e, e);
        }
    }

    /** Returns the address listened on. */
    public UdsAddr addr() {
        return addr;
    }

    /** Returns whether the listener has not been closed. */
    public boolean isOpen() {
        return channel.isOpen();
    }

    /**
     * Stops listening and deletes the socket file; a waiting {@link #accept()} throws.
     * Idempotent; never throws.
     */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.close();
            Files.deleteIfExists(addr.path());
        } catch (IOException e) {
            // Nothing to do: the listener counts as closed either way.
        }
    }

    /** Returns e.g. {@code UdsListener[/run/jtractor/root.sock, open]}. */
    @Override
    public String toString() {
        return "UdsListener[" + addr + ", " + (isOpen() ? "open" : "closed") + "]";
    }
}
