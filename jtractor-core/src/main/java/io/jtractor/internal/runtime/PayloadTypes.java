package io.jtractor.internal.runtime;

import io.jtractor.MessageTypeException;
import java.lang.reflect.Method;

/**
 * The payload types a context endpoint declares with {@link io.jtractor.PayloadTypes}: the
 * started value and the messages it streams (its result type is its return type).
 */
record PayloadTypes(Class<?> started, Class<?> stream) {

    /** The declared types of {@code method}, or null when it declares none. */
    static PayloadTypes of(Method method) {
        var declared = method.getAnnotation(io.jtractor.PayloadTypes.class);
        return declared == null ? null : new PayloadTypes(declared.started(), declared.stream());
    }

    /**
     * Checks a value passed to started() before anything is sent.
     *
     * @throws MessageTypeException if the value is not of the declared type
     */
    void checkStarted(Object value, String cid) {
        if (value != null && !boxed(started).isInstance(value)) {
            throw new MessageTypeException("started() of context " + cid + " expects "
                    + started.getName() + ", found " + value.getClass().getName() + ": "
                    + preview(value) + " (nothing was sent)", null);
        }
    }

    static String preview(Object value) {
        var text = String.valueOf(value);
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            default -> Void.class;
        };
    }
}
