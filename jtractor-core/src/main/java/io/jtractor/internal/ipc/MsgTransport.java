package io.jtractor.internal.ipc;

import io.jtractor.internal.msg.MalformedMessageException;
import io.jtractor.internal.msg.Msg;

/**
 * One connection carrying {@link Msg}s both ways, one message per frame.
 *
 * <p>Any number of threads may {@linkplain #send send} at once; one thread at a time may
 * {@linkplain #receive receive}. {@link #close()} may be called from any thread, any number of
 * times, and wakes a blocked receiver.
 */
public interface MsgTransport extends AutoCloseable {

    /**
     * Sends one message, as one frame written whole: frames from concurrent senders never
     * interleave. Blocks while the peer does not read and the OS buffers are full.
     *
     * <p>Do not interrupt a virtual thread blocked here: the JDK closes a socket whose I/O is
     * interrupted in a virtual thread, which ends the connection for every context on it. An
     * interrupt already pending when this method is entered is held back until it returns.
     *
     * @throws IllegalArgumentException if the message cannot be encoded or exceeds the frame
     *     limit; nothing was sent and the transport stays usable
     * @throws TransportClosedException if the transport is closed, or closes because the write
     *     failed
     */
    void send(Msg msg);

    /**
     * Encodes one message into the transport's send buffer without flushing it: a batch of
     * writes followed by one {@link #flush()} costs one system call instead of one per message.
     * The buffer is also written out whenever it fills. The same rules as {@link #send} apply.
     *
     * @throws IllegalArgumentException if the message cannot be encoded or exceeds the frame
     *     limit; nothing was written and the transport stays usable
     * @throws TransportClosedException if the transport is closed, or closes because the write
     *     failed
     */
    void write(Msg msg);

    /**
     * Writes out whatever {@link #write} has buffered.
     *
     * @throws TransportClosedException if the transport is closed, or closes because the write
     *     failed
     */
    void flush();

    /**
     * Receives the next message, blocking until a whole frame has arrived. Only one thread at a
     * time may call this; interrupting it while it is blocked closes the transport.
     *
     * @return the message, or null if the peer ended the stream cleanly between frames
     * @throws MalformedMessageException if the frame's body is not a valid message; the frame
     *     is consumed and the transport stays usable for the next one
     * @throws FrameTooLargeException if the frame is over the limit; the transport is closed
     * @throws TruncatedFrameException if the stream ends inside a frame; the transport is
     *     closed
     * @throws TransportClosedException if the transport is closed, also while this call is
     *     blocked, or the connection fails
     */
    Msg receive();

    /**
     * Whether a whole message has already arrived and waits in this transport's buffer, so that
     * the next {@link #receive()} returns without blocking. Never blocks and makes no system
     * call; for the receiving thread only. A transport that cannot tell returns false.
     */
    default boolean hasBufferedMessage() {
        return false;
    }

    /**
     * Closes the connection at once; a blocked {@link #receive()} or {@link #send} then throws
     * {@link TransportClosedException}. Idempotent; never throws.
     */
    @Override
    void close();

    /** Returns this end's address. */
    Addr localAddr();

    /** Returns the peer's address. */
    Addr remoteAddr();

    /** Returns whether {@link #close()} has not been called and no failure closed it. */
    boolean isOpen();
}
