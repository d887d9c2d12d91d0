package io.jtractor;

import java.util.Objects;
import java.util.UUID;

/**
 * The identity of one actor: the name it was given and a UUID that is new for every start.
 *
 * <p>On the wire an actor id is the 2-element array {@code [name, uuid]}.
 *
 * @param name the actor's name, not unique
 * @param uuid the actor's UUID as a lowercase 36-character string, unique per actor start
 */
public record ActorId(String name, String uuid) {

    /** Checks that both parts are present. */
    public ActorId {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }

    /** Returns an id for a new actor called {@code name}, with a fresh random UUID. */
    public static ActorId random(String name) {
        return new ActorId(name, UUID.randomUUID().toString());
    }

    /** Returns the short form {@code name@uuid-prefix}, e.g. {@code child@b82a5f1f}. */
    @Override
    public String toString() {
        return name + "@" + uuid.substring(0, Math.min(8, uuid.length()));
    }
}
