package io.jtractor.examples.wordcount;

import java.util.List;

/** Checks on the plain values the demo's messages decode to (lists of integers, maps). */
final class Messages {

    private Messages() {
    }

    /**
     * The first {@code count} elements of a list of integers, as decoded from a message.
     *
     * @throws IllegalArgumentException if {@code message} is not a list of at least
     *     {@code count} elements whose first {@code count} are integers
     */
    static long[] integers(Object message, int count, String what) {
        if (!(message instanceof List<?> list) || list.size() < count) {
            throw new IllegalArgumentException("a " + what + " is a list of " + count
                    + " integers, got " + describe(message));
        }
        var values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = integer(list.get(i), what);
        }
        return values;
    }

    /**
     * An integer as decoded from a message (the runtime decodes every integer as a {@code
     * Long}; an {@code Integer} is accepted as well).
     *
     * @throws IllegalArgumentException if {@code value} is not an integer
     */
    static long integer(Object value, String what) {
        if (value instanceof Long n) {
            return n;
        }
        if (value instanceof Integer n) {
            return n;
        }
        throw new IllegalArgumentException("expected an integer in a " + what + ", got "
                + describe(value));
    }

    static int toInt(long value, String what) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " out of int range: " + value);
        }
        return (int) value;
    }

    /** The value's type and the start of its text, for error messages. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        var text = String.valueOf(value);
        return value.getClass().getSimpleName() + " "
                + (text.length() > 100 ? text.substring(0, 100) + "..." : text);
    }
}
