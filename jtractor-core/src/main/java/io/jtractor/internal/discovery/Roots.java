package io.jtractor.internal.discovery;

import io.jtractor.RootOptions;
import io.jtractor.Transport;
import io.jtractor.internal.ipc.Addr;
import io.jtractor.internal.ipc.Listener;
import io.jtractor.internal.ipc.TcpAddr;
import io.jtractor.internal.ipc.TcpListener;
import io.jtractor.internal.ipc.Transports;
import io.jtractor.internal.ipc.UdsAddr;
import io.jtractor.internal.ipc.UdsListener;
import io.jtractor.ActorId;
import io.jtractor.internal.runtime.ActorRuntime;
import io.jtractor.internal.runtime.RuntimeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a root actor from {@link RootOptions} (SPEC A1, D1): resolves the registry address,
 * elects the registrar, binds the listener and starts the runtime with discovery.
 *
 * <p><b>Election.</b> A root that may become the registrar probes the registry address. If a
 * registrar answers, the root is its client. If nothing listens there, the root binds that
 * address itself and is the registrar; when two roots race, the loser's bind fails with the
 * address in use and it probes again, finding the winner. Anything else listening there (an
 * actor that is not a registrar, or a program that does not speak the protocol) is a startup
 * error naming the address (when the address was configured; a default address taken by
 * something else only leaves the root without discovery). A stale socket file of a dead UDS
 * registrar is removed first, under a file lock so that two roots never remove each other's
 * fresh socket.
 */
public final class Roots {

    private static final Logger log = LoggerFactory.getLogger(Roots.class);

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final int ELECTION_ROUNDS = 3;

    private Roots() {
    }

    /**
     * Starts the root actor of this process.
     *
     * @throws IllegalStateException if this process already runs an actor, or the registry
     *     address is taken by something that is not a registrar
     * @throws IllegalArgumentException if an exposed class cannot be loaded
     * @throws UncheckedIOException if the root cannot listen
     */
    public static ActorRuntime start(RootOptions options) {
        var current = ActorRuntime.current();
        if (current != null) {
            throw new IllegalStateException("this process already runs actor " + current.id()
                    + ": a second root cannot be opened");
        }
        var classes = load(options.exposed());
        var config = RuntimeConfig.defaults().withBindHost(options.bindHost());
        var id = ActorId.random(options.name());
        var dir = options.transport() == Transport.UDS
                ? RuntimeDir.ensure(options.runtimeDir().orElseGet(RuntimeDir::defaultDir))
                : null;
        var registry = registryAddr(options, dir);

        Listener listener = null;
        if (options.becomesRegistrarIfAbsent()) {
            try {
                listener = elect(registry, id, config.maxFrameBytes());
            } catch (IllegalStateException taken) {
                if (options.registry().isPresent()) {
                    throw taken;
                }
                // Only the implicit default is taken: a program that does not ask for
                // discovery still runs, without it.
                log.warn("{}; running without discovery", taken.getMessage());
                registry = null;
            }
        }
        boolean registrar = listener != null;
        if (listener == null) {
            listener = dir != null
                    ? UdsListener.bind(UdsAddr.of(RuntimeDir.socketPath(dir, id)),
                            config.maxFrameBytes())
                    : TcpListener.bind(new TcpAddr(options.bindHost(), 0), config.maxFrameBytes());
        }
        var discovery = DiscoveryService.forRoot(registry, registrar, options.registers(),
                classes);
        try {
            return ActorRuntime.startRoot(id, config, listener, discovery);
        } catch (RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    private static List<Class<?>> load(List<String> names) {
        var classes = new ArrayList<Class<?>>();
        var loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : Roots.class.getClassLoader();
        for (var name : names) {
            try {
                classes.add(Class.forName(name, true, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalArgumentException("cannot expose class " + name + ": "
                        + (e instanceof ClassNotFoundException ? "not found on the class path"
                        : e.toString()), e);
            }
        }
        return classes;
    }

    private static Addr registryAddr(RootOptions options, Path dir) {
        var configured = options.registry();
        if (configured.isPresent()) {
            return Addr.parse(configured.get());
        }
        if (dir != null) {
            var path = dir.resolve(RootOptions.REGISTRAR_SOCKET);
            RuntimeDir.checkLength(path);
            return UdsAddr.of(path);
        }
        return Addr.parse(RootOptions.DEFAULT_REGISTRY);
    }

    /**
     * Returns the listener on the registry address if this root becomes the registrar, or null
     * if a registrar answers there (or the address is not this machine's).
     */
    private static Listener elect(Addr registry, ActorId id, int maxFrameBytes) {
        if (registry instanceof TcpAddr tcp && !isLocal(tcp.host())) {
            log.debug("root {}: the registry address {} is not on this machine; not electing",
                    id, registry);
            return null;
        }
        for (int round = 0; round < ELECTION_ROUNDS; round++) {
            var found = Probe.probe(registry, PROBE_TIMEOUT, maxFrameBytes);
            switch (found.found()) {
                case REGISTRAR -> {
                    log.debug("root {}: registrar {} answers at {}", id, found.aid().actorId(),
                            registry);
                    return null;
                }
                case ACTOR -> throw new IllegalStateException("cannot start root actor '"
                        + id.name() + "': actor " + found.aid().actorId() + " listens at the"
                        + " registry address " + registry + " but is not a registrar");
                case STRANGER -> throw new IllegalStateException("cannot start root actor '"
                        + id.name() + "': something listens at the registry address " + registry
                        + " but does not answer the jtractor handshake (" + found.detail()
                        + "); stop it or choose another registry address");
                case NOTHING -> {
                    var listener = tryBind(registry, maxFrameBytes);
                    if (listener != null) {
                        return listener;
                    }
                }
            }
        }
        throw new IllegalStateException("cannot start root actor '" + id.name() + "': the"
                + " registry address " + registry + " is in use, but nothing there answered "
                + ELECTION_ROUNDS + " probes");
    }

    /** Binds the registry address; null if it is in use (another root won the race). */
    private static Listener tryBind(Addr registry, int maxFrameBytes) {
        try {
            if (registry instanceof UdsAddr uds) {
                return bindUdsRegistrar(uds, maxFrameBytes);
            }
            return Transports.bind(registry, maxFrameBytes);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Binds the registrar's socket file, removing a stale one (its registrar died without
     * removing it) first; a file lock beside it keeps two roots from racing there.
     */
    private static Listener bindUdsRegistrar(UdsAddr addr, int maxFrameBytes) {
        var lockFile = addr.path().resolveSibling(addr.file() + ".lock");
        try (var channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                var lock = channel.lock()) {
            if (Files.exists(addr.path())) {
                var again = Probe.probe(addr, PROBE_TIMEOUT, maxFrameBytes);
                if (again.found() != Probe.Found.NOTHING) {
                    return null;
                }
                log.info("removing the stale registrar socket {}: nothing listens on it", addr);
                Files.delete(addr.path());
            }
            return UdsListener.bind(addr, maxFrameBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the registrar's socket " + addr + ": "
                    + e, e);
        }
    }

    private static boolean isLocal(String host) {
        try {
            var address = InetAddress.getByName(host);
            return address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }
}
