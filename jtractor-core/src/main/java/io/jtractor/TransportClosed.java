package io.jtractor;

/**
 * The connection to a peer actor is gone (process killed, socket broken, peer closed): every
 * context, stream and call on it fails with this at once. The cause says what broke.
 */
public final class TransportClosed extends RuntimeException {

    public TransportClosed(String message, Throwable cause) {
        super(message, cause);
    }
}
