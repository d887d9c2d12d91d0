package io.jtractor;

import io.jtractor.internal.runtime.PortalImpl;
import java.time.Duration;
import java.util.Map;

/**
 * A handle to another actor: run a function in it, open a context with a function in it, stream
 * from it, or cancel it. Any number of calls, contexts and streams multiplex over the one
 * connection behind a portal, from any number of tasks.
 *
 * <p>Remote functions are named by a method reference ({@code portal.run(Worker::add, 1, 2)},
 * checked by the compiler) or by {@code "pkg.Class:method"} with named arguments (for dynamic
 * and cross-language calls). Each call is a fresh remote task. The kind of endpoint the peer
 * reports is checked against the method used: {@code run} on a context endpoint, or
 * {@code openContext} on a plain one, fails at once with {@link IllegalArgumentException}.
 *
 * <p>Every blocking method observes cancellation of the calling task: the remote task is then
 * cancelled too (the call waits, bounded, for it to end), and {@link io.jtractor.sc.Cancelled}
 * is raised; if the remote function fails for real while it is being cancelled, its
 * {@link RemoteActorException} is raised instead, with the cancellation attached as suppressed
 * (a child's error is never masked by a cancellation).
 */
public sealed interface Portal permits PortalImpl {

    /** The actor this portal talks to. */
    ActorId actor();

    /**
     * A view of this portal whose contexts and one-way streams use {@code options} for this
     * side's receiving (buffer size, credits or overrun policy). A stream opened without options
     * inside such a context keeps them: they are not replaced by a default.
     */
    Portal withStreamOptions(StreamOptions options);

    // ---- one-shot RPC (SPEC P1) ------------------------------------------------------------

    /**
     * Runs {@code fn} as a new task in the peer and returns its value, decoded to the method's
     * declared return type.
     *
     * @throws RemoteActorException the remote failure (boxing {@link ModuleNotExposed} when the
     *     class is not exposed, {@link IllegalArgumentException} for unknown methods or
     *     arguments that do not convert)
     * @throws TransportClosed if the connection is lost
     */
    <R> R run(Fn.Of0<R> fn);

    <A, R> R run(Fn.Of1<A, R> fn, A a);

    <A, B, R> R run(Fn.Of2<A, B, R> fn, A a, B b);

    <A, B, C, R> R run(Fn.Of3<A, B, C, R> fn, A a, B b, C c);

    <A, B, C, D, R> R run(Fn.Of4<A, B, C, D, R> fn, A a, B b, C c, D d);

    /** Runs a function that returns nothing; waits for it to end. */
    void run(Fn.Void0 fn);

    <A> void run(Fn.Void1<A> fn, A a);

    <A, B> void run(Fn.Void2<A, B> fn, A a, B b);

    <A, B, C> void run(Fn.Void3<A, B, C> fn, A a, B b, C c);

    /** Runs {@code "pkg.Class:method"} with named arguments; the result is decoded generically. */
    Object run(String function, Map<String, ?> kwargs);

    /** Runs {@code "pkg.Class:method"} with named arguments, the result decoded to {@code type}. */
    <T> T run(Class<T> type, String function, Map<String, ?> kwargs);

    // ---- contexts (SPEC C1) ----------------------------------------------------------------

    /**
     * Opens a context with a context endpoint in the peer: sends {@code Start}, waits for the
     * peer's acknowledgement and then until the child calls {@link Context#started}.
     *
     * @throws RemoteActorException if the child fails before calling {@code started()} (or
     *     returns without calling it)
     * @throws IllegalArgumentException if the peer reports a plain or streaming endpoint
     */
    Context openContext(Fn.Ctx0 fn);

    <A> Context openContext(Fn.Ctx1<A> fn, A a);

    <A, B> Context openContext(Fn.Ctx2<A, B> fn, A a, B b);

    <A, B, C> Context openContext(Fn.Ctx3<A, B, C> fn, A a, B b, C c);

    <A, B, C, D> Context openContext(Fn.Ctx4<A, B, C, D> fn, A a, B b, C c, D d);

    /** Opens a context with {@code "pkg.Class:method"} and named arguments. */
    Context openContext(String function, Map<String, ?> kwargs);

    // ---- one-way streams (SPEC S8) ---------------------------------------------------------

    /**
     * Starts a streaming endpoint (one returning a {@code Stream}, an {@code Iterator} or an
     * {@code Iterable} that is not a {@code Collection}; a {@code List} or {@code Map} result is
     * one value, for {@code run}) in the peer and returns a stream of its elements, decoded to the
     * declared element type. Closing the stream early cancels the producer.
     */
    <T> MsgStream<T> openStreamFrom(Fn.Of0<?> fn);

    <T, A> MsgStream<T> openStreamFrom(Fn.Of1<A, ?> fn, A a);

    <T, A, B> MsgStream<T> openStreamFrom(Fn.Of2<A, B, ?> fn, A a, B b);

    <T, A, B, C> MsgStream<T> openStreamFrom(Fn.Of3<A, B, C, ?> fn, A a, B b, C c);

    /** Streams from {@code "pkg.Class:method"} with named arguments, elements decoded to type. */
    <T> MsgStream<T> openStreamFrom(Class<T> type, String function, Map<String, ?> kwargs);

    // ---- results and cancellation ----------------------------------------------------------

    /**
     * For an actor started with {@code runInActor}: waits for its function's result and returns
     * it (also after the nursery has closed).
     *
     * @throws IllegalStateException for a portal not created by {@code runInActor}
     * @throws RemoteActorException the function's failure
     */
    Object result();

    /** {@link #result()} decoded to {@code type}. */
    <T> T result(Class<T> type);

    /**
     * Cancels the peer's whole runtime and returns whether it acknowledged within the default
     * bound (0.5 s).
     */
    boolean cancelActor();

    /** {@link #cancelActor()} with an explicit bound on the wait for the acknowledgement. */
    boolean cancelActor(Duration timeout);
}
