package io.jtractor;

import io.jtractor.internal.runtime.ActorNurseryCore;
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
 * (a failed {@code runInActor} function, a child that died on its own) cancels every other child
 * and the nursery's body, and the nursery raises the failure (several as an
 * {@link io.jtractor.sc.ExceptionGroup}). A body blocked elsewhere when that happens sees
 * {@link io.jtractor.sc.Cancelled} whose cause is the failure, and close() then raises the
 * failure (attached to it as suppressed). Children are cancelled in parallel with a graceful
 * request first, then SIGTERM, then SIGKILL.
 *
 * <p>The nursery belongs to the thread that opened it; {@link #join()} and {@link #close()} are
 * for that thread. Portals may be used from any task.
 */
public final class ActorNursery implements AutoCloseable {

    private final ActorNurseryCore core;

    private ActorNursery(ActorNurseryCore core) {
        this.core = core;
    }

    /** Opens an actor nursery (starting the root actor if this process has none). */
    public static ActorNursery open() {
        return new ActorNursery(ActorNurseryCore.open());
    }

    /**
     * Spawns a daemon actor exposing the classes in {@code options} and returns its portal once
     * the child has connected back and is ready to serve.
     *
     * <p>Blocks while the child JVM starts (typically a few hundred milliseconds).
     *
     * @throws SpawnFailed if the child dies or fails before it is ready, with its exit code and
     *     error output
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
     * until {@link #close()}.
     *
     * @throws RemoteActorException a child's failure (several as an ExceptionGroup)
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
