package io.jtractor.internal.runtime;

import io.jtractor.MsgStream;
import io.jtractor.Portal;
import io.jtractor.internal.msg.Payloads;
import java.util.Map;

/**
 * A call of a function named at run time, whose kind (plain, streaming or context) is learnt
 * from the callee's {@code StartAck} rather than declared by the caller: for tools such as
 * {@code jtractor call}, which have neither the function's class nor its signature.
 *
 * <p>Shaped like the parent side of a context: {@link #start} enters a cancel scope on the
 * calling thread, which {@link #close()} (on the same thread) leaves; a remote error cancels
 * that scope. Values are decoded generically: maps, lists, strings, numbers, booleans, byte
 * arrays and null.
 */
public final class UntypedCall implements AutoCloseable {

    /** The kind of endpoint the callee reported. */
    public enum Kind {
        /** A plain function: {@link #result()} is its value. */
        PLAIN,
        /** A streaming function: {@link #stream()} yields its elements. */
        STREAMING,
        /** A context function: {@link #first()}, then {@link #stream()}, then the result. */
        CONTEXT
    }

    private final ContextImpl ctx;
    private final Kind kind;

    private UntypedCall(ContextImpl ctx, Kind kind) {
        this.ctx = ctx;
        this.kind = kind;
    }

    /**
     * Starts {@code function} ({@code pkg.Class:method}) in the peer with named arguments and
     * waits for the callee's acknowledgement.
     *
     * @throws IllegalArgumentException if {@code function} is not {@code pkg.Class:method}
     * @throws io.jtractor.RemoteActorException if the callee refused the call before starting
     *     it: the class is not exposed, it has no such method, or the arguments do not bind
     * @throws io.jtractor.TransportClosed if the connection is lost
     */
    public static UntypedCall start(Portal portal, String function, Map<String, ?> kwargs) {
        var target = PortalImpl.Target.parse(function);
        var conn = ((PortalImpl) portal).connection();
        var ctx = conn.start(target.ns(), target.func(), Connection.encodeArgs(kwargs),
                ContextImpl.Role.CONTEXT, EndpointKind.CONTEXT, Object.class, 0);
        ctx.enterScope();
        try {
            return new UntypedCall(ctx, switch (EndpointKind.ofFunctype(ctx.awaitFunctype())) {
                case PLAIN -> Kind.PLAIN;
                case STREAMING -> Kind.STREAMING;
                case CONTEXT -> Kind.CONTEXT;
            });
        } catch (RuntimeException | Error e) {
            try {
                ctx.close();
            } catch (RuntimeException suppressed) {
                if (suppressed != e) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** The kind of endpoint the callee reported. */
    public Kind kind() {
        return kind;
    }

    /**
     * For a context endpoint: waits until the callee calls {@code started(value)} and returns
     * the value.
     *
     * @throws IllegalStateException for another kind
     * @throws io.jtractor.RemoteActorException if the callee failed first
     */
    public Object first() {
        requireKind(Kind.CONTEXT, "first()");
        ctx.awaitStarted();
        return ctx.first();
    }

    /**
     * The messages of the call: a streaming endpoint's elements, or a context's stream (opened
     * here, after {@link #first()}). Iteration ends when the callee closes its side.
     *
     * @throws IllegalStateException for a plain function
     */
    public MsgStream<Object> stream() {
        return switch (kind) {
            case PLAIN -> throw new IllegalStateException("a plain function has no stream");
            case STREAMING -> {
                ctx.grantWindow(ctx.window());
                yield ctx.streamFrom(Object.class);
            }
            case CONTEXT -> ctx.openStream();
        };
    }

    /**
     * Waits for the callee's return value (discarding stream messages not yet received).
     *
     * @throws io.jtractor.RemoteActorException the callee's failure
     */
    public Object result() {
        var raw = ctx.awaitOutcome();
        return raw == null ? null : Payloads.decodeGeneric(raw);
    }

    /**
     * Ends the call: a callee still running is cancelled and its acknowledgement awaited;
     * leaves the cancel scope {@link #start} entered.
     */
    @Override
    public void close() {
        ctx.close();
    }

    private void requireKind(Kind expected, String what) {
        if (kind != expected) {
            throw new IllegalStateException(what + " is for a " + expected.name().toLowerCase()
                    + " endpoint; the callee reported a " + kind.name().toLowerCase() + " one");
        }
    }

    @Override
    public String toString() {
        return "UntypedCall[" + kind + ", " + ctx + "]";
    }
}
