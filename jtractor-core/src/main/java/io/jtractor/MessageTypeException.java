package io.jtractor;

/**
 * A message or payload that does not decode into the type the receiver declared, or a malformed
 * message. Raised on the receiving side and treated as an error of the sender.
 */
public final class MessageTypeException extends RuntimeException {

    public MessageTypeException(String message, Throwable cause) {
        super(message, cause);
    }
}
