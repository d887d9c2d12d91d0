package io.jtractor.internal.runtime;

import io.jtractor.internal.ipc.Addr;
import io.jtractor.internal.ipc.MsgTransport;
import io.jtractor.internal.ipc.TcpAddr;

/**
 * What the in-memory transports of the connection tests share: fixed addresses, and a
 * {@code closed} flag guarded by the transport's monitor, whose {@link #close} wakes every
 * thread waiting on that monitor.
 */
abstract class FakeTransport implements MsgTransport {

    /** Guarded by this object's monitor. */
    protected boolean closed;

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    @Override
    public Addr localAddr() {
        return new TcpAddr("127.0.0.1", 1);
    }

    @Override
    public Addr remoteAddr() {
        return new TcpAddr("127.0.0.1", 2);
    }

    @Override
    public synchronized boolean isOpen() {
        return !closed;
    }
}
