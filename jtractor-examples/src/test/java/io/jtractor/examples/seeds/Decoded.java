package io.jtractor.examples.seeds;

import java.util.List;
import java.util.Map;

/** Views of untyped decoded payloads (maps with string keys, lists) for assertions. */
final class Decoded {

    private Decoded() {
    }

    /** {@code value} as a map with string keys, which is what a decoded map has. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** {@code value} as a list. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
