package io.jtractor;

import java.util.List;

/**
 * An error raised in another actor and carried here: it keeps the remote type name, message and
 * stack trace text, the actor it was raised in, the context it ended, and every actor it passed
 * through on the way (the relay path, original actor first).
 *
 * <p>Printing it shows the remote trace and the path, so that it reads like a local error:
 * <pre>
 * io.jtractor.RemoteActorException: java.lang.IllegalStateException: boom
 *   raised in actor worker-1@0f3c2a1b (context 6b1c...), relayed via worker-1@0f3c2a1b -> root@…
 *   --- remote stack trace (worker-1@0f3c2a1b) ---
 *   java.lang.IllegalStateException: boom
 *       at com.example.Worker.process(Worker.java:42)
 *       ...
 * </pre>
 */
public class RemoteActorException extends RuntimeException {

    private final String boxedTypeName;
    private final String remoteMessage;
    private final String remoteTrace;
    private final ActorId source;
    private final String contextId;
    private final List<ActorId> relayPath;

    /**
     * Creates a boxed remote error.
     *
     * @param boxedTypeName the remote exception's type name as sent ({@code src_type_str})
     * @param remoteMessage the remote exception's message, may be empty
     * @param remoteTrace the remote stack trace as text
     * @param source the actor the error was first raised in
     * @param contextId the context the error ended, or null
     * @param relayPath every actor the error passed through, the source first
     */
    public RemoteActorException(String boxedTypeName, String remoteMessage, String remoteTrace,
            ActorId source, String contextId, List<ActorId> relayPath) {
        super(headline(boxedTypeName, remoteMessage));
        this.boxedTypeName = boxedTypeName;
        this.remoteMessage = remoteMessage == null ? "" : remoteMessage;
        this.remoteTrace = remoteTrace == null ? "" : remoteTrace;
        this.source = source;
        this.contextId = contextId;
        this.relayPath = relayPath == null ? List.of() : List.copyOf(relayPath);
    }

    private static String headline(String type, String message) {
        return message == null || message.isEmpty() ? type : type + ": " + message;
    }

    /** The remote exception's type name as the remote actor reported it. */
    public String boxedTypeName() {
        return boxedTypeName;
    }

    /** The remote exception's class when it can be loaded here, else null. */
    public Class<?> boxedType() {
        try {
            return Class.forName(boxedTypeName, false, RemoteActorException.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Whether the boxed remote error is of {@code type} (or a subtype, when loadable here). */
    public boolean boxes(Class<? extends Throwable> type) {
        if (type.getName().equals(boxedTypeName) || type.getSimpleName().equals(boxedTypeName)) {
            return true;
        }
        var local = boxedType();
        return local != null && type.isAssignableFrom(local);
    }

    /** The remote exception's own message (without type name or trace). */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** The remote stack trace, as text. */
    public String remoteTrace() {
        return remoteTrace;
    }

    /** The actor the error was first raised in. */
    public ActorId source() {
        return source;
    }

    /** The id of the context the error ended, or null for an error outside any context. */
    public String contextId() {
        return contextId;
    }

    /** Every actor the error passed through, the source first, this side's peer last. */
    public List<ActorId> relayPath() {
        return relayPath;
    }

    @Override
    public String getMessage() {
        var text = new StringBuilder(super.getMessage());
        text.append("\n  raised in actor ").append(source);
        if (contextId != null) {
            text.append(" (context ").append(contextId).append(')');
        }
        if (!relayPath.isEmpty()) {
            text.append(", relay path ");
            for (int i = 0; i < relayPath.size(); i++) {
                text.append(i == 0 ? "" : " -> ").append(relayPath.get(i));
            }
        }
        if (!remoteTrace.isEmpty()) {
            text.append("\n  --- remote stack trace (").append(source).append(") ---\n");
            remoteTrace.lines().forEach(line -> text.append("  ").append(line).append('\n'));
            text.append("  --- end of remote stack trace ---");
        }
        return text.toString();
    }
}
