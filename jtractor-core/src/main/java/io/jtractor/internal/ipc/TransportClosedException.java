package io.jtractor.internal.ipc;

/**
 * Thrown when a transport cannot carry messages any more: it was closed locally, the peer
 * went away, an I/O operation failed, or the peer broke the framing. The cause is kept.
 */
public class TransportClosedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception saying what was attempted, on which connection, and why it failed. */
    public TransportClosedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates an exception without a cause. */
    public TransportClosedException(String message) {
        super(message);
    }
}
