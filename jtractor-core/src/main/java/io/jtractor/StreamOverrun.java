package io.jtractor;

import java.util.List;

/** A receiver's stream buffer overflowed and it dropped a message; names the sender. */
public final class StreamOverrun extends RemoteActorException {

    private final ActorId sender;

    public StreamOverrun(String message, String remoteTrace, ActorId source, String contextId,
            List<ActorId> relayPath, ActorId sender) {
        super(StreamOverrun.class.getName(), message, remoteTrace, source, contextId, relayPath);
        this.sender = sender;
    }

    /** The actor whose message was dropped. */
    public ActorId sender() {
        return sender;
    }
}
