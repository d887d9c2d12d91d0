package io.jtractor.internal.runtime;

import io.jtractor.Context;
import io.jtractor.ContextCancelled;
import io.jtractor.Fn;
import io.jtractor.MsgStream;
import io.jtractor.Portal;
import io.jtractor.StreamOptions;
import io.jtractor.RemoteActorException;
import io.jtractor.ActorId;
import io.jtractor.internal.msg.RawValue;
import io.jtractor.internal.spawn.ChildProcess;
import io.jtractor.sc.Cancelled;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** A portal over one connection; for a child we spawned, also its process and result. */
public final class PortalImpl implements Portal {

    private final Connection conn;
    private final ChildProcess process;
    private final CountDownLatch resultReady = new CountDownLatch(1);
    private volatile boolean hasResultSlot;
    private volatile Object resultValue;
    private volatile RuntimeException resultError;
    private volatile Type resultType = Object.class;
    /** Set by the first cancelActor() call: the peer's exit from then on is expected. */
    private volatile boolean cancelRequested;
    /** The options this portal's contexts and streams receive with. */
    private final StreamOptions streamOptions;
    /** For a view made by withStreamOptions: the portal whose result and process it shares. */
    private final PortalImpl origin;

    PortalImpl(Connection conn, ChildProcess process) {
        this(conn, process, null, StreamOptions.defaults()
                .withMsgBufferSize(conn.runtime().config().msgBufferSize()));
    }

    private PortalImpl(Connection conn, ChildProcess process, PortalImpl origin,
            StreamOptions streamOptions) {
        this.conn = conn;
        this.process = process;
        this.origin = origin;
        this.streamOptions = streamOptions;
    }

    @Override
    public ActorId actor() {
        return conn.peer();
    }

    @Override
    public Portal withStreamOptions(StreamOptions options) {
        java.util.Objects.requireNonNull(options, "options");
        return new PortalImpl(conn, process, origin != null ? origin : this, options);
    }

    // ---- RPC -------------------------------------------------------------------------------

    @Override
    public <R> R run(Fn.Of0<R> fn) {
        return call(fn);
    }

    @Override
    public <A, R> R run(Fn.Of1<A, R> fn, A a) {
        return call(fn, a);
    }

    @Override
    public <A, B, R> R run(Fn.Of2<A, B, R> fn, A a, B b) {
        return call(fn, a, b);
    }

    @Override
    public <A, B, C, R> R run(Fn.Of3<A, B, C, R> fn, A a, B b, C c) {
        return call(fn, a, b, c);
    }

    @Override
    public <A, B, C, D, R> R run(Fn.Of4<A, B, C, D, R> fn, A a, B b, C c, D d) {
        return call(fn, a, b, c, d);
    }

    @Override
    public void run(Fn.Void0 fn) {
        call(fn);
    }

    @Override
    public <A> void run(Fn.Void1<A> fn, A a) {
        call(fn, a);
    }

    @Override
    public <A, B> void run(Fn.Void2<A, B> fn, A a, B b) {
        call(fn, a, b);
    }

    @Override
    public <A, B, C> void run(Fn.Void3<A, B, C> fn, A a, B b, C c) {
        call(fn, a, b, c);
    }

    @Override
    public Object run(String function, Map<String, ?> kwargs) {
        return run(Object.class, function, kwargs);
    }

    @Override
    public <T> T run(Class<T> type, String function, Map<String, ?> kwargs) {
        var target = Target.parse(function);
        @SuppressWarnings("unchecked")
        T value = (T) call(target.ns, target.func, Connection.encodeArgs(kwargs), type);
        return value;
    }

    @SuppressWarnings("unchecked")
    private <R> R call(Serializable fn, Object... args) {
        var endpoint = FunctionRefs.resolve(fn);
        return (R) call(endpoint.owner().getName(), endpoint.method().getName(),
                Connection.encodeArgs(endpoint.name(args)), endpoint.resultType());
    }

    Object call(String ns, String func, Map<String, RawValue> kwargs, Type resultType) {
        var ctx = conn.start(ns, func, kwargs, ContextImpl.Role.CALL, EndpointKind.PLAIN,
                resultType, 0);
        try {
            ctx.awaitAck();
            var raw = ctx.awaitOutcome();
            return raw == null ? null : ctx.decodeMessage(raw, resultType);
        } catch (Cancelled c) {
            // Wait, bounded, for the function's outcome: a real error of the function is never
            // masked by the cancellation (SPEC C11).
            var bound = conn.runtime().config().contextCancelTimeout();
            ctx.requestCancel(bound);
            if (!ctx.isDone()) {
                ctx.awaitDoneFor(bound.multipliedBy(3));
            }
            if (ctx.error().orElse(null) instanceof RemoteActorException remote
                    && !(remote instanceof ContextCancelled)) {
                remote.addSuppressed(c);
                throw remote;
            }
            throw c;
        } catch (IllegalArgumentException kindMismatch) {
            ctx.requestCancel(conn.runtime().config().contextCancelTimeout());
            throw kindMismatch;
        } finally {
            conn.unregister(ctx);
        }
    }

    // ---- contexts ----------------------------------------------------------------------------

    @Override
    public Context openContext(Fn.Ctx0 fn) {
        return open(fn);
    }

    @Override
    public <A> Context openContext(Fn.Ctx1<A> fn, A a) {
        return open(fn, a);
    }

    @Override
    public <A, B> Context openContext(Fn.Ctx2<A, B> fn, A a, B b) {
        return open(fn, a, b);
    }

    @Override
    public <A, B, C> Context openContext(Fn.Ctx3<A, B, C> fn, A a, B b, C c) {
        return open(fn, a, b, c);
    }

    @Override
    public <A, B, C, D> Context openContext(Fn.Ctx4<A, B, C, D> fn, A a, B b, C c, D d) {
        return open(fn, a, b, c, d);
    }

    @Override
    public Context openContext(String function, Map<String, ?> kwargs) {
        var target = Target.parse(function);
        return openContext(target.ns, target.func, Connection.encodeArgs(kwargs), Object.class,
                null);
    }

    private Context open(Serializable fn, Object... args) {
        var endpoint = FunctionRefs.resolve(fn);
        return openContext(endpoint.owner().getName(), endpoint.method().getName(),
                Connection.encodeArgs(endpoint.name(args)), endpoint.resultType(),
                PayloadTypes.of(endpoint.method()));
    }

    private Context openContext(String ns, String func, Map<String, RawValue> kwargs,
            Type resultType, PayloadTypes declared) {
        if (conn.peer().equals(conn.runtime().id())) {
            throw new IllegalStateException("a context cannot be opened to one's own actor "
                    + conn.peer());
        }
        var ctx = conn.start(ns, func, kwargs, ContextImpl.Role.CONTEXT, EndpointKind.CONTEXT,
                resultType, 0);
        ctx.useOptions(streamOptions);
        ctx.declare(declared);
        if (streamOptions.usesOverrunPolicy()) {
            // Under the overrun policy senders are never held back, not even before this side
            // opens its stream: what overflows the buffer is dropped and reported (SPEC S6).
            ctx.openReceiving(streamOptions);
        }
        ctx.enterScope();
        try {
            ctx.awaitAck();
            ctx.awaitStarted();
            return ctx;
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

    // ---- one-way streams -----------------------------------------------------------------

    @Override
    public <T> MsgStream<T> openStreamFrom(Fn.Of0<?> fn) {
        return streamFrom(fn);
    }

    @Override
    public <T, A> MsgStream<T> openStreamFrom(Fn.Of1<A, ?> fn, A a) {
        return streamFrom(fn, a);
    }

    @Override
    public <T, A, B> MsgStream<T> openStreamFrom(Fn.Of2<A, B, ?> fn, A a, B b) {
        return streamFrom(fn, a, b);
    }

    @Override
    public <T, A, B, C> MsgStream<T> openStreamFrom(Fn.Of3<A, B, C, ?> fn, A a, B b, C c) {
        return streamFrom(fn, a, b, c);
    }

    @Override
    public <T> MsgStream<T> openStreamFrom(Class<T> type, String function,
            Map<String, ?> kwargs) {
        var target = Target.parse(function);
        return streamFrom(target.ns, target.func, Connection.encodeArgs(kwargs), type);
    }

    private <T> MsgStream<T> streamFrom(Serializable fn, Object... args) {
        var endpoint = FunctionRefs.resolve(fn);
        return streamFrom(endpoint.owner().getName(), endpoint.method().getName(),
                Connection.encodeArgs(endpoint.name(args)), endpoint.resultType());
    }

    private <T> MsgStream<T> streamFrom(String ns, String func, Map<String, RawValue> kwargs,
            Type elementType) {
        var ctx = conn.start(ns, func, kwargs, ContextImpl.Role.STREAM_FROM,
                EndpointKind.STREAMING, elementType, 0);
        ctx.useOptions(streamOptions);
        ctx.openReceiving(streamOptions);
        try {
            ctx.awaitAck();
        } catch (RuntimeException e) {
            ctx.close();
            throw e;
        }
        return ctx.streamFrom(elementType);
    }

    // ---- results and cancellation --------------------------------------------------------

    void expectResult(Type type) {
        hasResultSlot = true;
        resultType = type;
    }

    void deliverResult(Object value, RuntimeException error) {
        resultValue = value;
        resultError = error;
        resultReady.countDown();
    }

    @Override
    public Object result() {
        return awaitResult();
    }

    @Override
    public <T> T result(Class<T> type) {
        return type.cast(awaitResult());
    }

    private Object awaitResult() {
        if (origin != null) {
            return origin.awaitResult();
        }
        if (!hasResultSlot) {
            throw new IllegalStateException("portal to " + actor() + " has no result: only"
                    + " actors started with runInActor have one");
        }
        try {
            resultReady.await();
        } catch (InterruptedException e) {
            throw io.jtractor.sc.CancelScope.interrupted(e);
        }
        if (resultError != null) {
            throw resultError;
        }
        return resultValue;
    }

    Type resultType() {
        return resultType;
    }

    @Override
    public boolean cancelActor() {
        return cancelActor(conn.runtime().config().actorCancelTimeout());
    }

    @Override
    public boolean cancelActor(Duration timeout) {
        if (origin != null) {
            return origin.cancelActor(timeout);
        }
        cancelRequested = true;
        conn.actorCancelRequested();
        return conn.requestCancel("cancel", Map.of(), timeout);
    }

    Connection connection() {
        return conn;
    }

    /** Whether cancelActor() was called on this portal: the peer is expected to end. */
    boolean isCancelRequested() {
        return cancelRequested;
    }

    ChildProcess process() {
        return process;
    }

    @Override
    public String toString() {
        return "Portal[" + actor() + (process != null ? ", pid=" + process.pid() : "") + ", "
                + (conn.isOpen() ? "connected" : "disconnected") + "]";
    }

    /** A function named as {@code pkg.Class:method}. */
    record Target(String ns, String func) {
        static Target parse(String function) {
            int colon = function == null ? -1 : function.lastIndexOf(':');
            if (colon <= 0 || colon == function.length() - 1) {
                throw new IllegalArgumentException("a remote function is named"
                        + " 'pkg.Class:method', got '" + function + "'");
            }
            return new Target(function.substring(0, colon), function.substring(colon + 1));
        }
    }
}
