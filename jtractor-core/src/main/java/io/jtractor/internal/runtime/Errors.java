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
 */
final class Errors {

    static final String RELAYED_TYPE = "RemoteActorError";
    private static final String CONTEXT_CANCELLED = "ContextCancelled";
    private static final String STREAM_OVERRUN = "StreamOverrun";

    private Errors() {
    }

    static Msg.ErrorMsg box(Throwable failure, ActorId self, String cid) {
        if (failure instanceof RemoteActorException remote) {
            var path = new ArrayList<>(remote.relayPath());
            path.add(self);
            return new Msg.ErrorMsg(remote.source(), remote.boxedTypeName(), RELAYED_TYPE, path,
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
