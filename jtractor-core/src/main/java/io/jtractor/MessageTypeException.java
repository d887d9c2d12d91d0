package io.jtractor;

/**
 * A message or payload that does not decode into the type the receiver declared, or a malformed
 * message. Raised on the receiving side and treated as an error of the sender, which
 * {@link #sender()} names when known.
 */
public final class MessageTypeException extends RuntimeException {

    private final ActorId sender;

    public MessageTypeException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public MessageTypeException(String message, ActorId sender, Throwable cause) {
        super(message, cause);
        this.sender = sender;
    }

    /** The actor that sent the offending message, or null when unknown or local. */
    public ActorId sender() {
        return sender;
    }
}
