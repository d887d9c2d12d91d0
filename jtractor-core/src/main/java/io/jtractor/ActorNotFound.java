package io.jtractor;

/**
 * No actor of the name asked for registered with the registrar within the time allowed
 * ({@link Discovery#waitForActor}).
 */
public final class ActorNotFound extends RuntimeException {

    private final String actorName;

    public ActorNotFound(String actorName, String message) {
        super(message);
        this.actorName = actorName;
    }

    /** The name that was looked for. */
    public String actorName() {
        return actorName;
    }
}
