package io.jtractor.internal.runtime;

import io.jtractor.Context;
import io.jtractor.MsgStream;
import io.jtractor.sc.BroadcastReceiver;
import io.jtractor.sc.ReceiveChannel;
import java.util.Iterator;

/**
 * A local subscriber of a broadcast stream (SPEC S7): receives from the broadcast, sends to the
 * underlying stream; closing it ends only this subscription.
 */
public final class SubscriberStream<T> implements MsgStream<T> {

    private final MsgStreamImpl<T> stream;
    private final ReceiveChannel<T> subscription;

    SubscriberStream(MsgStreamImpl<T> stream, ReceiveChannel<T> subscription) {
        this.stream = stream;
        this.subscription = subscription;
    }

    @Override
    public void send(Object message) {
        stream.send(message);
    }

    @Override
    public T receive() {
        return subscription.receive();
    }

    @Override
    public Iterator<T> iterator() {
        return subscription.iterator();
    }

    @Override
    public MsgStream<T> subscribe() {
        return stream.subscribe();
    }

    @Override
    public MsgStream<T> subscribe(BroadcastReceiver.LagPolicy policy) {
        return stream.subscribe(policy);
    }

    @Override
    public Context context() {
        return stream.context();
    }

    @Override
    public void close() {
        subscription.close();
    }

    @Override
    public String toString() {
        return "Subscriber[" + stream + "]";
    }
}
