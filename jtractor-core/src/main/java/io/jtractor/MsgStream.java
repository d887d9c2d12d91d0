package io.jtractor;

import io.jtractor.internal.runtime.MsgStreamImpl;
import io.jtractor.internal.runtime.SubscriberStream;
import io.jtractor.sc.BroadcastReceiver;
import java.util.Iterator;

/**
 * The bidirectional message stream of a {@link Context}, or the one-way stream of a streaming
 * endpoint ({@link Portal#openStreamFrom}).
 *
 * <p>Each {@link #send} is one message; order is preserved and nothing is lost or duplicated.
 * {@link #receive()} returns the next message and raises {@link io.jtractor.sc.EndOfChannel} once
 * the peer has closed its side, and keeps raising it; iteration simply ends there. Closing the
 * stream tells the peer that no more messages will come from this side.
 *
 * <p>Flow control: the receiving side buffers at most its {@code msgBufferSize} messages; a
 * sender that would overrun it blocks in {@code send} until the receiver consumes. The wait only
 * holds up this stream, never the connection or other streams on it, and stays cancellable.
 *
 * <p>Any task may send while another receives; one task at a time should receive.
 *
 * @param <T> the type received messages are decoded to
 */
public sealed interface MsgStream<T> extends Iterable<T>, AutoCloseable
        permits MsgStreamImpl, SubscriberStream {

    /**
     * Sends one message to the peer.
     *
     * <p>Blocks while the peer's receive buffer is full.
     *
     * @throws io.jtractor.sc.ClosedResourceException if this side closed the stream
     * @throws RemoteActorException if the peer failed
     * @throws TransportClosed if the connection is gone
     * @throws io.jtractor.sc.Cancelled if the calling task was cancelled while waiting
     */
    void send(Object message);

    /**
     * Receives the next message.
     *
     * @throws io.jtractor.sc.EndOfChannel once the peer closed its side (or returned) and every
     *     message before that was received
     * @throws RemoteActorException if the peer failed
     * @throws MessageTypeException if the message does not decode to this stream's type
     * @throws TransportClosed if the connection is gone
     * @throws io.jtractor.sc.Cancelled if the calling task was cancelled while waiting
     */
    T receive();

    /** Iterates received messages until the peer closes its side. */
    @Override
    Iterator<T> iterator();

    /**
     * Turns this stream into a broadcast source and returns a new local subscriber (SPEC S7):
     * every subscriber receives every message that arrives from its subscription on, in order.
     * The stream is read at the pace of the fastest subscriber; a subscriber more than the
     * stream's buffer behind gets {@link io.jtractor.sc.Lagged} (with the number it missed) from
     * its next receive, once, and continues with the oldest retained message. Closing a
     * subscriber affects no other; the end of the stream wakes them all with
     * {@link io.jtractor.sc.EndOfChannel} after their remaining messages. A subscriber's
     * {@link #send} goes to this stream. Once subscribed, receive through subscribers only.
     */
    MsgStream<T> subscribe();

    /** {@link #subscribe()} with a lag policy: {@code SKIP} continues silently after a lag. */
    MsgStream<T> subscribe(BroadcastReceiver.LagPolicy policy);

    /** The context this stream belongs to. */
    Context context();

    /**
     * Closes this side: sends {@code Stop} once (unless the peer already stopped or the dialog
     * is over), after which {@link #send} raises and {@link #receive} ends. Idempotent. On the
     * child side the {@code Stop} leaves with the endpoint's outcome: just before its return
     * value, or not at all when it fails, so that the parent sees the failure, not a graceful
     * end of the stream.
     */
    @Override
    void close();
}
