package io.jtractor;

import io.jtractor.internal.discovery.Roots;
import io.jtractor.internal.runtime.ActorNurseryCore;
import io.jtractor.internal.runtime.ActorRuntime;
import java.util.List;

/**
 * A scope that owns child actors: every actor it spawns is a new JVM process that has exited,
 * and been reaped, by the time the nursery is closed.
 *
 * <pre>{@code
 * try (var actors = ActorNursery.open()) {
 *     Portal server = actors.startActor("server", SpawnOptions.exposing(PingPong.class));
 *     Portal sum = actors.runInActor("adder", Math::addExact, 1, 2);
 *     ...
 *     actors.join();            // waits for runInActor results
 * }                             // close(): cancels daemons, waits for every process to exit
 * }</pre>
 *
 * <p>Opening the first nursery of a process with no actor runtime starts the root actor
 * ({@code root}); closing that nursery ends it. Supervision is one-cancels-all: a failed child
 * (a failed {@code runInActor} function, a child that died with a non-zero exit code nobody
 * asked for) cancels every other child and the nursery's body, and the nursery raises the
 * failure; several failures are raised together as an {@link io.jtractor.sc.ExceptionGroup}, in
 * the order they happened, including a child's real error that arrives while it is being
 * cancelled. A body blocked elsewhere when that happens sees {@link io.jtractor.sc.Cancelled}
 * whose cause is the failure, and close() then raises the failure (attached to it as
 * suppressed: in try-with-resources the body's own exception always wins).
 *
 * <p>Children are cancelled in parallel, each with a ladder: a graceful cancel request first
 * (the child's tasks are cancelled and their cleanups run before it acknowledges), SIGTERM when
 * the acknowledgement does not come within 0.5 s, SIGKILL when the child still runs 1.5 s
 * later. A child whose exit this nursery caused is no failure.
 *
 * <p>When outcomes collide, the one reported is, in order: a child's real error, a
 * cancellation, a lost connection ({@link TransportClosed}), a process death; the others are
 * attached as suppressed exceptions. So a function whose actor was killed mid-call raises the
 * lost connection with the exit (say, {@code exit code 137 (killed by SIGKILL)}) attached, and a
 * daemon that dies makes every context into it fail with {@link TransportClosed} at once,
 * while the nursery raises the death itself.
 *
 * <p>The nursery belongs to the thread that opened it; {@link #join()} and {@link #close()} are
 * for that thread. Portals may be used from any task.
 */
public final class ActorNursery implements AutoCloseable {

    private final ActorNurseryCore core;

    private ActorNursery(ActorNurseryCore core) {
        this.core = core;
    }

    /**
     * Opens an actor nursery, starting the root actor with {@link RootOptions#defaults()} if
     * this process has none: the root then finds the registrar at the default registry address,
     * or becomes it (SPEC D1).
     */
    public static ActorNursery open() {
        return new ActorNursery(ActorNurseryCore.open(() -> Roots.start(RootOptions.defaults())));
    }

    /**
     * Opens an actor nursery that starts the root actor of this process with {@code options}
     * (its name, where the registrar is, the transport of its tree); closing the nursery ends
     * the root.
     *
     * @throws IllegalStateException if this process already runs an actor (options only apply
     *     to a root being started), or the registry address is taken by something that is not
     *     a registrar (the message names it)
     * @throws IllegalArgumentException if a class to expose cannot be loaded
     */
    public static ActorNursery open(RootOptions options) {
        var current = ActorRuntime.current();
        if (current != null) {
            throw new IllegalStateException("this process already runs actor " + current.id()
                    + ": root options apply only when the nursery starts the root actor");
        }
        return new ActorNursery(ActorNurseryCore.open(() -> Roots.start(options)));
    }

    /**
     * Spawns a daemon actor exposing the classes in {@code options} and returns its portal once
     * the child has connected back and is ready to serve.
     *
     * <p>Blocks while the child JVM starts (typically a few hundred milliseconds), at most for
     * the start timeout ({@link SpawnOptions#withStartTimeout}, 60 s by default). Cancelling
     * the caller kills the child and raises {@link io.jtractor.sc.Cancelled}.
     *
     * @throws SpawnFailed if the child dies or fails before it is ready, or is not ready within
     *     the start timeout (it is then killed), with its exit code and error output
     */
    public Portal startActor(String name, SpawnOptions options) {
        return core.startActor(name, options);
    }

    /** Spawns a daemon actor exposing {@code classes}. */
    public Portal startActor(String name, Class<?>... classes) {
        return core.startActor(name, SpawnOptions.exposing(classes));
    }

    /**
     * Spawns an actor that runs exactly one function; collect its result with
     * {@link Portal#result()}. The actor is cancelled once its result is in.
     */
    public <R> Portal runInActor(String name, Fn.Of0<R> fn) {
        return core.runInActor(name, fn, new Object[0]);
    }

    public <A, R> Portal runInActor(String name, Fn.Of1<A, R> fn, A a) {
        return core.runInActor(name, fn, new Object[] {a});
    }

    public <A, B, R> Portal runInActor(String name, Fn.Of2<A, B, R> fn, A a, B b) {
        return core.runInActor(name, fn, new Object[] {a, b});
    }

    public <A, B, C, R> Portal runInActor(String name, Fn.Of3<A, B, C, R> fn, A a, B b, C c) {
        return core.runInActor(name, fn, new Object[] {a, b, c});
    }

    /**
     * Waits until every {@code runInActor} function has finished. Daemon actors keep running
     * until {@link #close()}. When a child fails, or the nursery is cancelled, stops waiting and
     * closes the nursery.
     *
     * @throws RemoteActorException a child's failure (several as an ExceptionGroup)
     * @throws TransportClosed a child that died, or whose connection was lost
     * @throws io.jtractor.sc.Cancelled if an enclosing scope (or the runtime's shutdown)
     *     cancelled the caller while it waited
     */
    public void join() {
        core.join();
    }

    /**
     * Cancels every remaining child actor and waits until every child process has exited; raises
     * children's failures that were not raised yet.
     */
    @Override
    public void close() {
        core.close();
    }

    /** Cancels every child and the nursery's body. */
    public void cancel() {
        core.cancel();
    }

    /** Portals of the children spawned so far. */
    public List<Portal> children() {
        return List.copyOf(core.children());
    }

    @Override
    public String toString() {
        return "ActorNursery[" + core.runtime().id() + ", children=" + core.children().size()
                + "]";
    }
}
