package io.jtractor.internal.ipc;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/**
 * A {@link MsgTransport} over a Unix domain socket, with 64 KiB stream buffers; each message
 * is flushed as soon as it is written.
 *
 * <p>Create one with {@link #connect} or {@link UdsListener#accept()}. The channel is
 * interruptible: interrupting any thread blocked in its I/O closes the transport.
 */
public final class UdsTransport extends StreamTransport {

    private final SocketChannel channel;
    private final UdsAddr localAddr;
    private final UdsAddr remoteAddr;

    private UdsTransport(SocketChannel channel, FrameInputStream in, OutputStream out,
            int maxFrameBytes, UdsAddr localAddr, UdsAddr remoteAddr) {
        super(in, out, maxFrameBytes);
        this.channel = channel;
        this.localAddr = localAddr;
        this.remoteAddr = remoteAddr;
    }

    /**
     * Connects to the socket file of {@code addr} with the default frame limit of 64 MiB.
     *
     * @see #connect(UdsAddr, int)
     */
    public static UdsTransport connect(UdsAddr addr) {
        return connect(addr, FrameReader.DEFAULT_MAX_FRAME_BYTES);
    }

    /**
     * Connects to the socket file of {@code addr}.
     *
     * @param maxFrameBytes the largest frame body this end sends or accepts
     * @throws TransportClosedException if no connection was made, e.g. no one listens there;
     *     the cause is the {@link IOException}
     */
    public static UdsTransport connect(UdsAddr addr, int maxFrameBytes) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(addr.path()));
            return adopt(channel, maxFrameBytes);
        } catch (IOException e) {
            if (channel != null) {
                TcpTransport.closeQuietly(channel, e);
            }
            throw new TransportClosedException("cannot connect to " + addr + ": " + e, e);
        }
    }

    /** Wraps a connected channel; closes nothing on failure. */
    static UdsTransport adopt(SocketChannel channel, int maxFrameBytes) throws IOException {
        var in = new FrameInputStream(
                Channels.newInputStream(channel), TcpTransport.STREAM_BUFFER_BYTES);
        var out = new BufferedOutputStream(
                Channels.newOutputStream(channel), TcpTransport.STREAM_BUFFER_BYTES);
        var local = UdsAddr.of(((UnixDomainSocketAddress) channel.getLocalAddress()).getPath());
        var remote = UdsAddr.of(((UnixDomainSocketAddress) channel.getRemoteAddress()).getPath());
        return new UdsTransport(channel, in, out, maxFrameBytes, local, remote);
    }

    @Override
    public UdsAddr localAddr() {
        return localAddr;
    }

    @Override
    public UdsAddr remoteAddr() {
        return remoteAddr;
    }

    @Override
    void closeConnection() throws IOException {
        channel.close();
    }
}
