package io.jtractor.sc;

/**
 * Raised when the other side of a resource is gone: sending on a channel whose every receive end
 * was closed, or receiving from a broadcast whose source failed (the source's failure is the
 * {@linkplain #getCause() cause}).
 */
public final class BrokenResourceException extends RuntimeException {

    /** Creates the exception with a message saying what is gone. */
    public BrokenResourceException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the failure that broke the resource. */
    public BrokenResourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
