package io.jtractor;

import io.jtractor.internal.discovery.DiscoveryService;
import io.jtractor.internal.discovery.Roots;
import io.jtractor.internal.runtime.ActorRuntime;
import io.jtractor.sc.CancelScope;
import java.time.Duration;

/**
 * An actor started on its own (SPEC D5): the root of its program, it serves the classes its
 * options expose, registers with the registrar (becoming it when none answers and the options
 * allow), and runs until a peer cancels it ({@link Portal#cancelActor()}), the process is
 * interrupted (SIGINT or SIGTERM), or {@link #close()}.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     try (var daemon = ActorDaemon.open(RootOptions.named("quotes").exposing(Quotes.class))) {
 *         daemon.join();             // serves until cancelled or interrupted
 *     }
 * }
 * }</pre>
 *
 * <p>The daemon may open {@link ActorNursery}s of its own to spawn children. It belongs to the
 * thread that opened it; {@link #join()} and {@link #close()} are for that thread.
 */
public final class ActorDaemon implements AutoCloseable {

    private final ActorRuntime runtime;

    private ActorDaemon(ActorRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Starts the actor; returns once it serves and has registered (or has become the
     * registrar).
     *
     * @throws IllegalStateException if this process already runs an actor, or the registry
     *     address is taken by something that is not a registrar (the message names it)
     * @throws IllegalArgumentException if an exposed class cannot be loaded
     * @throws java.io.UncheckedIOException if the actor cannot listen
     */
    public static ActorDaemon open(RootOptions options) {
        return new ActorDaemon(Roots.start(options));
    }

    /** The actor's id. */
    public ActorId id() {
        return runtime.id();
    }

    /** Where the actor listens: {@code host:port}, or the path of a Unix socket file. */
    public String address() {
        return runtime.listenAddr().toString();
    }

    /** Whether this actor is the registrar. */
    public boolean isRegistrar() {
        return discovery().isRegistrar();
    }

    /** Whether this actor is registered right now (false while its registrar is away). */
    public boolean isRegistered() {
        return discovery().isRegistered();
    }

    /** The registrar's address this actor registers with. */
    public String registry() {
        return discovery().registryAddr().map(Object::toString).orElse("none");
    }

    /**
     * Waits until the actor ends: a peer cancelled it, the process was interrupted, or
     * {@link #close()} was called from another thread.
     *
     * @throws io.jtractor.sc.Cancelled if the calling task is cancelled first
     */
    public void join() {
        while (!join(Duration.ofHours(1))) {
            CancelScope.checkpoint();
        }
    }

    /**
     * Waits at most {@code timeout} for the actor to end; returns whether it has.
     *
     * @throws io.jtractor.sc.Cancelled if the calling task is cancelled first
     */
    public boolean join(Duration timeout) {
        boolean ended = runtime.awaitEnd(timeout);
        if (!ended) {
            CancelScope.checkpoint();
        }
        return ended;
    }

    /** Whether the actor has ended. */
    public boolean isEnded() {
        return runtime.isEnded();
    }

    /**
     * Ends the actor, if it still runs: its tasks are cancelled, it unregisters, its
     * connections close; returns once it has ended (bounded, 10 s).
     */
    @Override
    public void close() {
        runtime.shutdown("the daemon was closed", runtime.id());
        runtime.awaitEnd(Duration.ofSeconds(10));
    }

    private DiscoveryService discovery() {
        return (DiscoveryService) runtime.extension();
    }

    @Override
    public String toString() {
        return "ActorDaemon[" + runtime.id() + " at " + address() + ", "
                + (runtime.isEnded() ? "ended" : "serving") + "]";
    }
}
