package io.jtractor.internal.discovery;

import io.jtractor.internal.ipc.Addr;
import io.jtractor.ActorId;
import java.util.List;

/** The wire forms discovery exchanges: actor ids {@code [name, uuid]}, addresses. */
final class Wire {

    private Wire() {
    }

    static List<Object> actorId(ActorId id) {
        return List.of(id.name(), id.uuid());
    }

    /**
     * Reads an actor id {@code [name, uuid]}.
     *
     * @throws IllegalArgumentException if {@code value} is not a list of two strings
     */
    static ActorId actorId(Object value) {
        if (value instanceof List<?> list && list.size() == 2 && list.get(0) instanceof String name
                && list.get(1) instanceof String uuid) {
            return new ActorId(name, uuid);
        }
        throw new IllegalArgumentException("expected an actor id [name, uuid], found " + value);
    }

    /**
     * Reads an address {@code [host, port]} or {@code [dir, file]}.
     *
     * @throws IllegalArgumentException if {@code value} is neither
     */
    static Addr addr(Object value) {
        return Addr.fromWire(value);
    }

    /** Reads a list of addresses; null (the reference's "not found") gives an empty list. */
    static List<Addr> addrs(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Wire::addr).toList();
        }
        throw new IllegalArgumentException("expected a list of addresses, found " + value);
    }
}
