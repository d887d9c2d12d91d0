package io.jtractor.internal.ipc;

import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.MsgCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MsgTransport} over a connected pair of byte streams; subclasses supply the streams,
 * the addresses and how to close the underlying connection.
 *
 * <p><b>Implementation overview.</b>
 * <ul>
 * <li>Sending: a sender takes {@code sendLock} (a lock, not a monitor, so that a virtual
 *     thread waiting for it unmounts), encodes the whole frame with {@code sendCodec} into
 *     memory and writes it with one call into the buffered stream; {@code send} then flushes,
 *     {@code write} leaves that to a later {@code flush}. Since the frame is complete before
 *     its first byte is written, an encoding failure leaves the stream intact; a write failure
 *     may leave half a frame on the wire, so it closes the transport.
 * <li>Receiving: one reader thread at a time; {@link FrameReader} fills its reused buffer and
 *     {@code receiveCodec} decodes it into a message that no longer refers to the buffer. A
 *     malformed body has been consumed whole, so the next frame is read normally.
 * <li>Closing: {@code closed} flips once; whoever flips it closes the connection, which makes
 *     a blocked read or write fail with an {@code IOException}, reported as
 *     {@link TransportClosedException}.
 * </ul>
 */
abstract sealed class StreamTransport implements MsgTransport permits TcpTransport, UdsTransport {

    private static final Logger log = LoggerFactory.getLogger(StreamTransport.class);

    /** Read by the receiving thread only. */
    private final FrameInputStream in;
    private final FrameReader reader;
    private final MsgCodec receiveCodec = new MsgCodec();

    /** Used by the holder of {@code sendLock} only. */
    private final OutputStream out;
    private final MsgCodec sendCodec = new MsgCodec();
    private final ReentrantLock sendLock = new ReentrantLock();

    /** Set once, by the first {@link #close()}; read by every operation. */
    private final AtomicBoolean closed = new AtomicBoolean();

    StreamTransport(FrameInputStream in, OutputStream out, int maxFrameBytes) {
        this.in = in;
        this.reader = new FrameReader(in, maxFrameBytes);
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Closes the underlying connection; called once, by the first {@link #close()}. */
    abstract void closeConnection() throws IOException;

    @Override
    public final void send(Msg msg) {
        writeFrame(msg, true);
    }

    @Override
    public final void write(Msg msg) {
        writeFrame(msg, false);
    }

    @Override
    public final void flush() {
        sendLock.lock();
        boolean interrupted = Thread.interrupted();
        try {
            if (closed.get()) {
                throw new TransportClosedException("cannot flush: " + this + " is closed");
            }
            out.flush();
        } catch (IOException e) {
            boolean closedBefore = closed.get();
            close();
            throw new TransportClosedException("flush on " + this + " failed: "
                    + (closedBefore ? "closed during the write" : e.getMessage()), e);
        } finally {
            sendLock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeFrame(Msg msg, boolean flush) {
        Objects.requireNonNull(msg, "msg");
        sendLock.lock();
        // A pending interrupt would make the JDK close the socket if the write blocks.
        boolean interrupted = Thread.interrupted();
        try {
            if (closed.get()) {
                throw new TransportClosedException("cannot send " + describe(msg) + ": " + this
                        + " is closed");
            }
            int frameBytes = sendCodec.encodeFrame(msg, out, reader.maxFrameBytes());
            if (flush) {
                out.flush();
            }
            if (log.isTraceEnabled()) {
                log.trace("sent {} ({} bytes) on {}", describe(msg), frameBytes, this);
            }
        } catch (IOException e) {
            boolean closedBefore = closed.get();
            close();
            throw new TransportClosedException("send of " + describe(msg) + " on " + this
                    + " failed: " + (closedBefore ? "closed during the write" : e.getMessage()),
                    e);
        } finally {
            sendLock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public final Msg receive() {
        if (closed.get()) {
            throw new TransportClosedException("cannot receive: " + this + " is closed");
        }
        int bodyBytes;
        try {
            bodyBytes = reader.readFrame();
        } catch (TransportClosedException e) {
            close();
            throw e;
        } catch (IOException e) {
            boolean closedBefore = closed.get();
            close();
            throw new TransportClosedException("receive on " + this + " failed: "
                    + (closedBefore ? "closed while waiting" : e.getMessage()), e);
        }
        if (bodyBytes < 0) {
            log.trace("peer ended the stream on {}", this);
            return null;
        }
        Msg msg = receiveCodec.decode(reader.buffer(), 0, bodyBytes);
        if (log.isTraceEnabled()) {
            log.trace("received {} ({} bytes) on {}", describe(msg), bodyBytes + 4, this);
        }
        return msg;
    }

    @Override
    public final boolean hasBufferedMessage() {
        return !closed.get() && in.hasBufferedFrame();
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                closeConnection();
            } catch (IOException e) {
                log.debug("closing {} failed", this, e);
            }
            log.debug("closed {}", this);
        }
    }

    @Override
    public final boolean isOpen() {
        return !closed.get();
    }

    /** Returns e.g. {@code TcpTransport[127.0.0.1:40001 -> 127.0.0.1:1616, open]}. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + localAddr() + " -> " + remoteAddr() + ", "
                + (closed.get() ? "closed" : "open") + "]";
    }

    private static String describe(Msg msg) {
        String cid = msg.cid();
        return cid == null ? msg.msgType() : msg.msgType() + " cid=" + cid;
    }
}
