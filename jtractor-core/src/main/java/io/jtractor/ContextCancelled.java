package io.jtractor;

import java.util.List;

/**
 * A context's child task ended because it was cancelled; {@link #canceller()} says who asked.
 *
 * <p>The parent side absorbs it (the context scope exits normally) only when that parent itself
 * called {@link Context#cancel()}; any other cancellation (the child cancelled itself, a third
 * actor cancelled the child's actor) is raised like any remote error.
 */
public final class ContextCancelled extends RemoteActorException {

    private final ActorId canceller;

    public ContextCancelled(String message, String remoteTrace, ActorId source, String contextId,
            List<ActorId> relayPath, ActorId canceller) {
        super(ContextCancelled.class.getName(), message, remoteTrace, source, contextId,
                relayPath);
        this.canceller = canceller;
    }

    /** The actor that requested the cancellation. */
    public ActorId canceller() {
        return canceller;
    }
}
