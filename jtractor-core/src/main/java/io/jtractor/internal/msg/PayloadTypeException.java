package io.jtractor.internal.msg;

import java.lang.reflect.Type;

/**
 * Thrown when a payload cannot be converted: a value that cannot be encoded as msgpack, or a
 * received value that does not fit the Java type the receiving code expects.
 *
 * <p>The message names the type and shows the offending value, e.g.
 * {@code cannot decode payload as int: found str "eleven" (...)}.
 */
public final class PayloadTypeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Type type;
    private final String value;

    /**
     * Creates an exception.
     *
     * @param message the whole message, naming the type and showing the value
     * @param type the expected type when decoding, the value's class when encoding
     * @param value the offending value rendered on one line, at most about 200 characters
     * @param cause the converter's exception
     */
    PayloadTypeException(String message, Type type, String value, Throwable cause) {
        super(message, cause);
        this.type = type;
        this.value = value;
    }

    /** Returns the expected type when decoding, the value's class when encoding. */
    public Type type() {
        return type;
    }

    /** Returns the offending value rendered on one line, cut to about 200 characters. */
    public String value() {
        return value;
    }
}
