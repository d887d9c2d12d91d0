package io.jtractor.sc;

/**
 * Raised when a task uses a channel end, stream or other resource that was closed on this side:
 * sending on a closed send end, receiving on a closed receive end, cloning a closed end. A task
 * blocked on an end that another task closes is woken with it too.
 */
public final class ClosedResourceException extends IllegalStateException {

    /** Creates the exception with a message naming the resource and who closed it. */
    public ClosedResourceException(String message) {
        super(message);
    }
}
