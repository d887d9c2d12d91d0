package io.jtractor;

import java.util.List;
import java.util.OptionalLong;

/**
 * One actor the registrar knows (SPEC D2).
 *
 * @param id the actor's id; names are not unique, ids are
 * @param pid its OS process id, when it registered itself
 * @param addresses where it listens: {@code host:port}, or the path of a Unix socket file
 */
public record RegisteredActor(ActorId id, OptionalLong pid, List<String> addresses) {

    /** Copies the addresses. */
    public RegisteredActor {
        addresses = List.copyOf(addresses);
    }

    /** The actor's name. */
    public String name() {
        return id.name();
    }
}
