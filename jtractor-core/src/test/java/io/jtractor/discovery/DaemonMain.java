package io.jtractor.discovery;

import io.jtractor.ActorDaemon;
import io.jtractor.RootOptions;

/**
 * A separately started program for the discovery tests: a daemon actor exposing
 * {@link DiscoveryEndpoints}. Arguments: {@code NAME REGISTRY}. Prints
 * {@code ready NAME ADDRESS registrar|client} once it serves, {@code stopped NAME} at the end.
 */
public final class DaemonMain {

    private DaemonMain() {
    }

    public static void main(String[] args) {
        var options = RootOptions.named(args[0]).withRegistry(args[1])
                .exposing(DiscoveryEndpoints.class);
        try (var daemon = ActorDaemon.open(options)) {
            System.out.println("ready " + args[0] + " " + daemon.address() + " "
                    + (daemon.isRegistrar() ? "registrar" : "client"));
            System.out.flush();
            daemon.join();
            System.out.println("stopped " + args[0]);
            System.out.flush();
        }
        System.exit(0);
    }
}
