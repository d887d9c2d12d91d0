package io.jtractor;

import io.jtractor.internal.discovery.DiscoveryService;
import io.jtractor.internal.ipc.Addr;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finding actors by name through the registrar (SPEC section 8), from any actor: a root, a
 * child, a daemon. Every method needs an actor runtime in this process.
 *
 * <pre>{@code
 * Portal feed = Discovery.waitForActor("feed", Duration.ofSeconds(5));
 * try (var stream = feed.openStreamFrom(Feed::quotes, "EURUSD")) { ... }
 * }</pre>
 *
 * <p>A portal found here has its own connection to the actor, opened on first use and kept
 * (later lookups of the same actor share it) until the actor or this runtime ends. Names are
 * not unique: a lookup returns the most recently registered live actor of that name. The
 * registrar answers only with actors that still answer; an entry whose actor is gone (killed
 * without unregistering) is removed by the first lookup that meets it, which then reports
 * nothing rather than an error (SPEC D4).
 *
 * <p>Lookups block for the round trips to the registrar and the actor; they observe
 * cancellation of the calling task. Any thread may call them.
 */
public final class Discovery {

    private Discovery() {
    }

    /**
     * A portal to a live actor called {@code name}, or empty if none is registered.
     *
     * @throws NoRuntime if this process runs no actor
     * @throws TransportClosed if no registrar answers at the registry address
     */
    public static Optional<Portal> findActor(String name) {
        Objects.requireNonNull(name, "name");
        return DiscoveryService.require("Discovery.findActor()").find(name);
    }

    /**
     * Waits until an actor called {@code name} is registered and answers, and returns a portal
     * to it.
     *
     * @throws ActorNotFound if none did within {@code timeout}
     * @throws IllegalArgumentException if {@code timeout} is not positive
     * @throws NoRuntime if this process runs no actor
     * @throws TransportClosed if no registrar answers at the registry address
     */
    public static Portal waitForActor(String name, Duration timeout) {
        Objects.requireNonNull(name, "name");
        return DiscoveryService.require("Discovery.waitForActor()").waitFor(name, timeout);
    }

    /**
     * The address of a live actor called {@code name} ({@code host:port}, or the path of a
     * Unix socket file), without connecting to it; empty if none is registered.
     *
     * @throws NoRuntime if this process runs no actor
     * @throws TransportClosed if no registrar answers at the registry address
     */
    public static Optional<String> queryActor(String name) {
        Objects.requireNonNull(name, "name");
        return DiscoveryService.require("Discovery.queryActor()").query(name).stream()
                .findFirst().map(Addr::toString);
    }

    /**
     * Every actor the registrar knows, in registration order.
     *
     * @throws NoRuntime if this process runs no actor
     * @throws TransportClosed if no registrar answers at the registry address
     */
    public static List<RegisteredActor> registeredActors() {
        return DiscoveryService.require("Discovery.registeredActors()").registered();
    }

    /**
     * A portal to the registrar (which may be this actor itself).
     *
     * @throws NoRuntime if this process runs no actor
     * @throws TransportClosed if no registrar answers at the registry address
     */
    public static Portal registrar() {
        return DiscoveryService.require("Discovery.registrar()").registrarPortal();
    }

    /**
     * A portal to the root of this actor's tree (this actor itself when it is the root).
     *
     * @throws NoRuntime if this process runs no actor
     * @throws TransportClosed if the root does not answer
     */
    public static Portal root() {
        return DiscoveryService.require("Discovery.root()").rootPortal();
    }

    /**
     * The registrar's address this actor uses ({@code host:port} or a socket file's path).
     *
     * @throws NoRuntime if this process runs no actor
     */
    public static Optional<String> registryAddress() {
        return DiscoveryService.require("Discovery.registryAddress()").registryAddr()
                .map(Addr::toString);
    }
}
