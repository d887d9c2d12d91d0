package io.jtractor.discovery;

import io.jtractor.Actor;
import io.jtractor.ActorNursery;
import io.jtractor.Context;
import io.jtractor.Discovery;
import io.jtractor.internal.discovery.DiscoveryService;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Endpoints the discovery tests call in child actors and separate programs. */
public final class DiscoveryEndpoints {

    private DiscoveryEndpoints() {
    }

    public static int add(int a, int b) {
        return a + b;
    }

    public static long pid() {
        return ProcessHandle.current().pid();
    }

    public static String name() {
        return Actor.name();
    }

    public static Stream<Integer> count(int n) {
        return IntStream.range(0, n).boxed();
    }

    /** A context that echoes every message with the serving actor's name prefixed. */
    public static int echo(Context ctx, String greeting) {
        ctx.started(greeting + " from " + Actor.name());
        int echoed = 0;
        try (var stream = ctx.openStream(String.class)) {
            for (String msg : stream) {
                stream.send(Actor.name() + ": " + msg);
                echoed++;
            }
        }
        return echoed;
    }

    /** Finds {@code peer} by name from inside this actor and asks it to add. */
    public static int addThroughPeer(String peer, int a, int b) {
        var portal = Discovery.findActor(peer).orElseThrow(() -> new IllegalStateException(
                "no actor named '" + peer + "' is registered"));
        return portal.run(DiscoveryEndpoints::add, a, b);
    }

    /** The name of this actor's tree root, reached through a portal to it. */
    public static String rootName() {
        return Discovery.root().run(DiscoveryEndpoints::name);
    }

    /** The registry address this actor was given by its parent. */
    public static String registryAddress() {
        return Discovery.registryAddress().orElse("none");
    }

    /**
     * Spawns a grandchild named {@code name} from inside this actor and reports, from the
     * grandchild: its registry address, its tree's root, and what it finds under this actor's
     * name, joined by {@code |} (a list would make this a streaming endpoint). Proves that
     * discovery is handed down more than one level.
     */
    public static String spawnAndAskGrandchild(String name) {
        try (var actors = ActorNursery.open()) {
            actors.startActor(name, DiscoveryEndpoints.class);
            var grandchild = Discovery.findActor(name).orElseThrow();
            return String.join("|", grandchild.run(DiscoveryEndpoints::registryAddress),
                    grandchild.run(DiscoveryEndpoints::rootName),
                    grandchild.run(DiscoveryEndpoints::query, Actor.name()));
        }
    }

    /**
     * How this actor is registered: {@code "through parent"} (over the connection to its
     * parent, the registrar), {@code "own link"} (over a connection of its own) or
     * {@code "not registered"}.
     */
    public static String registration() {
        var discovery = DiscoveryService.require("registration");
        if (!discovery.isRegistered()) {
            return "not registered";
        }
        return discovery.isRegisteredThroughParent() ? "through parent" : "own link";
    }

    /**
     * Spawns a grandchild named {@code name} from inside this actor and reports how the
     * grandchild is registered (see {@link #registration()}).
     */
    public static String grandchildRegistration(String name) {
        try (var actors = ActorNursery.open()) {
            return actors.startActor(name, DiscoveryEndpoints.class)
                    .run(DiscoveryEndpoints::registration);
        }
    }

    /** The address the registrar reports for {@code name}, or "none". */
    public static String query(String name) {
        return Discovery.queryActor(name).orElse("none");
    }
}
