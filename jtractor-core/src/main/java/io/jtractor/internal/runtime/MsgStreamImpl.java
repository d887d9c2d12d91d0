package io.jtractor.internal.runtime;

import io.jtractor.Context;
import io.jtractor.MsgStream;
import io.jtractor.internal.msg.Payloads;
import io.jtractor.sc.BroadcastReceiver;
import io.jtractor.sc.EndOfChannel;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.ReentrantLock;

/** A context's stream: encodes on send, decodes on receive; the state lives in the context. */
public final class MsgStreamImpl<T> implements MsgStream<T> {

    private final ContextImpl ctx;
    private final Type type;
    private final ReentrantLock lock = new ReentrantLock();
    /** Created by the first subscribe(); guarded by lock. */
    private BroadcastReceiver<T> broadcast;

    MsgStreamImpl(ContextImpl ctx, Type type) {
        this.ctx = ctx;
        this.type = type;
    }

    @Override
    public void send(Object message) {
        ctx.streamSend(Payloads.encode(message));
    }

    @Override
    public T receive() {
        return ctx.decodeMessage(ctx.streamReceive(), type);
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private T next;
            private boolean ready;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (ready) {
                    return true;
                }
                if (ended) {
                    return false;
                }
                try {
                    next = receive();
                    ready = true;
                    return true;
                } catch (EndOfChannel e) {
                    ended = true;
                    return false;
                }
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the stream has ended");
                }
                var value = next;
                next = null;
                ready = false;
                return value;
            }
        };
    }

    @Override
    public MsgStream<T> subscribe() {
        return subscribe(BroadcastReceiver.LagPolicy.RAISE);
    }

    @Override
    public MsgStream<T> subscribe(BroadcastReceiver.LagPolicy policy) {
        lock.lock();
        try {
            if (broadcast == null) {
                broadcast = BroadcastReceiver.of(this::receive, () -> { }, ctx.window());
            }
            return new SubscriberStream<>(this, broadcast.subscribe(policy));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Context context() {
        return ctx;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (broadcast != null) {
                broadcast.close();
            }
        } finally {
            lock.unlock();
        }
        ctx.closeStream();
        if (ctx.role() == ContextImpl.Role.STREAM_FROM) {
            ctx.close();
        }
    }

    @Override
    public String toString() {
        return "MsgStream[" + type.getTypeName() + ", " + ctx + "]";
    }
}
