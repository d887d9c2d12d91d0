package io.jtractor.internal.runtime;

import io.jtractor.ContextCancelled;
import io.jtractor.RemoteActorException;
import io.jtractor.StreamOverrun;
import io.jtractor.ActorId;
import io.jtractor.internal.msg.Msg;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Boxing of errors for the wire ({@code Error} messages) and unboxing into
 * {@link RemoteActorException}s (SPEC E1-E4).
 *
 * <p>A local exception is boxed with its class name, message and stack trace, the relay path
 * holding only this actor. A remote error being relayed keeps its original type, source and
 * trace, and this actor is appended to its relay path.
 *
 * <p>Boxing on the error path of a task ({@link #boxSafely}) never fails: when building the
 * Error raises anything (memory runs out while printing a huge trace, a message or
 * {@code toString} that throws) or the Error would be over the frame limit, a minimal Error
 * replaces it, with the original type, the start of its message and a note of what failed.
 */
final class Errors {

    static final String RELAYED_TYPE = "RemoteActorError";
    private static final String CONTEXT_CANCELLED = "ContextCancelled";
    private static final String STREAM_OVERRUN = "StreamOverrun";

    /** The most characters of a message, or of a trace, that a minimal Error keeps. */
    static final int MINIMAL_TEXT_CHARS = 4_000;
    /** The most stack frames that a minimal Error keeps. */
    private static final int MINIMAL_FRAMES = 40;

    private Errors() {
    }

    /**
     * Boxes {@code failure} as {@link #box} does, for {@code conn}; never throws. If boxing
     * raises anything, or the Error would be over the frame limit of {@code conn}, returns a
     * {@linkplain #minimal minimal} Error that says so instead.
     */
    static Msg.ErrorMsg boxSafely(Throwable failure, ActorId self, String cid, Connection conn) {
        Msg.ErrorMsg boxed;
        try {
            boxed = box(failure, self, cid);
        } catch (Throwable boxing) {
            return minimal(failure, self, cid, "boxing the error failed", boxing);
        }
        try {
            conn.checkFrameSize(boxed);
            return boxed;
        } catch (IllegalArgumentException tooLarge) {
            return shrunk(boxed, "replaced: " + tooLarge.getMessage());
        } catch (Throwable sizing) {
            return minimal(failure, self, cid, "sizing the error failed", sizing);
        }
    }

    /**
     * A small Error for {@code failure}, built from what can still be read of it: its type, the
     * first {@value #MINIMAL_TEXT_CHARS} characters of its message and its first frames, each
     * part replaced by a note when reading it fails, and a note that {@code what} failed with
     * {@code why}. Never throws while memory suffices for a few small strings.
     */
    static Msg.ErrorMsg minimal(Throwable failure, ActorId self, String cid, String what,
            Throwable why) {
        var type = failure.getClass().getName();
        try {
            var note = " [" + what + ": " + why.getClass().getName() + ": "
                    + truncated(messageOf(why)) + "]";
            if (failure instanceof RemoteActorException remote) {
                return new Msg.ErrorMsg(remote.source(), remote.boxedTypeName(), RELAYED_TYPE,
                        relayedPath(remote, self), truncated(remote.remoteMessage()) + note,
                        truncated(remote.remoteTrace()),
                        remote instanceof ContextCancelled cc ? cc.canceller() : null,
                        remote instanceof StreamOverrun so ? so.sender() : null,
                        cid, null, null);
            }
            var message = truncated(messageOf(failure)) + note;
            return new Msg.ErrorMsg(self, type, type, List.of(self), message,
                    framesOf(type, failure), null, null, cid, null, null);
        } catch (Throwable again) {
            return new Msg.ErrorMsg(self, type, type, List.of(self),
                    "the error could not be boxed", "", null, null, cid, null, null);
        }
    }

    /**
     * {@code err} with its message and trace cut to {@value #MINIMAL_TEXT_CHARS} characters
     * each and {@code note} appended to the message: everything else (type, source, relay
     * path) kept.
     */
    static Msg.ErrorMsg shrunk(Msg.ErrorMsg err, String note) {
        var message = err.message() == null ? "" : err.message();
        var kept = truncated(message) + " [" + note + "]";
        return new Msg.ErrorMsg(err.srcUid(), err.srcTypeStr(), err.boxedTypeStr(),
                err.relayPath(), kept, truncated(err.tbStr()), err.canceller(), err.sender(),
                err.cid(), null, null);
    }

    private static String messageOf(Throwable failure) {
        try {
            var message = failure.getMessage();
            return message == null ? "" : message;
        } catch (Throwable unreadable) {
            return "(its getMessage() threw " + unreadable.getClass().getName() + ")";
        }
    }

    /** The type and first frames of {@code failure}, without calling its overridable methods. */
    private static String framesOf(String type, Throwable failure) {
        try {
            var text = new StringBuilder(type).append('\n');
            var frames = failure.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, MINIMAL_FRAMES); i++) {
                text.append("\tat ").append(frames[i]).append('\n');
            }
            if (frames.length > MINIMAL_FRAMES) {
                text.append("\t... ").append(frames.length - MINIMAL_FRAMES).append(" more\n");
            }
            return text.toString();
        } catch (Throwable unreadable) {
            return type + "\n\t(its stack trace could not be read: "
                    + unreadable.getClass().getName() + ")\n";
        }
    }

    private static String truncated(String text) {
        if (text == null) {
            return "";
        }
        if (text.length() <= MINIMAL_TEXT_CHARS) {
            return text;
        }
        return text.substring(0, MINIMAL_TEXT_CHARS) + "... (" + text.length() + " characters)";
    }

    private static List<ActorId> relayedPath(RemoteActorException remote, ActorId self) {
        var path = new ArrayList<>(remote.relayPath());
        path.add(self);
        return path;
    }

    static Msg.ErrorMsg box(Throwable failure, ActorId self, String cid) {
        if (failure instanceof RemoteActorException remote) {
            return new Msg.ErrorMsg(remote.source(), remote.boxedTypeName(), RELAYED_TYPE,
                    relayedPath(remote, self),
                    remote.remoteMessage(), remote.remoteTrace(),
                    remote instanceof ContextCancelled cc ? cc.canceller() : null,
                    remote instanceof StreamOverrun so ? so.sender() : null,
                    cid, null, null);
        }
        var type = failure.getClass().getName();
        var message = failure.getMessage() == null ? "" : failure.getMessage();
        return new Msg.ErrorMsg(self, type, type, List.of(self), message, traceOf(failure),
                null, null, cid, null, null);
    }

    /** The error that tells the parent its child task was cancelled by {@code canceller}. */
    static Msg.ErrorMsg cancelled(ActorId self, String cid, ActorId canceller, Throwable trace) {
        var by = canceller.equals(self) ? "itself" : canceller.toString();
        var message = "the child side of context " + cid + " in " + self
                + " was cancelled by " + by;
        var type = ContextCancelled.class.getName();
        return new Msg.ErrorMsg(self, type, type, List.of(self), message,
                trace == null ? "" : traceOf(trace), canceller, null, cid, null, null);
    }

    /**
     * The error a receiver sends a sender whose message it dropped because its buffer of
     * {@code capacity} messages was full (SPEC S6, E4).
     */
    static Msg.ErrorMsg overrun(ActorId self, ActorId sender, String cid, int capacity) {
        var message = "the receive buffer of context " + cid + " in " + self + " ("
                + capacity + " messages) was full: a message from " + sender + " was dropped";
        return new Msg.ErrorMsg(self, STREAM_OVERRUN, STREAM_OVERRUN, List.of(self), message, "",
                null, sender, cid, null, null);
    }

    /**
     * The error a receiver raises itself when it dropped {@code dropped} messages from
     * {@code sender} and the stream ended before the sender's StreamOverrun failed the dialog
     * (SPEC S6): the loss is never silent.
     */
    static StreamOverrun overrunLoss(ActorId self, ActorId sender, String cid, int capacity,
            int dropped) {
        var message = "the receive buffer of context " + cid + " in " + self + " (" + capacity
                + " messages) was full: " + dropped + (dropped == 1 ? " message" : " messages")
                + " from " + sender + (dropped == 1 ? " was" : " were") + " dropped, and its"
                + " stream ended before the StreamOverrun it was sent failed it";
        return new StreamOverrun(message, "", self, cid, List.of(self), sender);
    }

    static RemoteActorException unbox(Msg.ErrorMsg err) {
        var type = err.srcTypeStr() == null ? "UnknownError" : err.srcTypeStr();
        var path = err.relayPath() == null ? List.<ActorId>of() : err.relayPath();
        var source = err.srcUid();
        if (type.equals(CONTEXT_CANCELLED) || type.equals(ContextCancelled.class.getName())) {
            return new ContextCancelled(err.message(), err.tbStr(), source, err.cid(), path,
                    err.canceller());
        }
        if (type.equals(STREAM_OVERRUN) || type.equals(StreamOverrun.class.getName())) {
            return new StreamOverrun(err.message(), err.tbStr(), source, err.cid(), path,
                    err.sender());
        }
        return new RemoteActorException(type, err.message(), err.tbStr(), source, err.cid(),
                path);
    }

    static String traceOf(Throwable failure) {
        var text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
