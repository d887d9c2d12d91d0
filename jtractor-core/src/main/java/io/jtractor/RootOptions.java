package io.jtractor;

import io.jtractor.internal.ipc.Addr;
import io.jtractor.internal.ipc.TcpAddr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start the root actor of a program (SPEC A1, D1, W1): its name, the classes it exposes
 * to other actors, where the registrar is and whether this root may become it, and the
 * transport its tree uses. Immutable; each {@code with*} returns a new instance. Used by
 * {@link ActorNursery#open(RootOptions)} and {@link ActorDaemon#open(RootOptions)}.
 *
 * <pre>{@code
 * try (var actors = ActorNursery.open(RootOptions.named("ingest")
 *         .withRegistry("127.0.0.1:7070")
 *         .withTransport(Transport.UDS))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Defaults: the name {@code root}; nothing exposed; the registrar at
 * {@value #DEFAULT_REGISTRY} over TCP (the system property {@value #REGISTRY_PROPERTY}, else
 * the environment variable {@value #REGISTRY_ENV}, overrides it), or the socket file
 * {@value #REGISTRAR_SOCKET} in the runtime folder over UDS; the listener on {@code 127.0.0.1};
 * the root becomes the registrar when none answers at the registry address, and registers
 * itself either way.
 */
public final class RootOptions {

    /** The registry address when nothing else is configured (SPEC D1). */
    public static final String DEFAULT_REGISTRY = "127.0.0.1:1616";

    /** The system property that overrides {@link #DEFAULT_REGISTRY}. */
    public static final String REGISTRY_PROPERTY = "jtractor.registry";

    /** The environment variable that overrides {@link #DEFAULT_REGISTRY}. */
    public static final String REGISTRY_ENV = "JTRACTOR_REGISTRY";

    /** The registrar's socket file in the runtime folder, for a UDS tree. */
    public static final String REGISTRAR_SOCKET = "registrar.sock";

    private final String name;
    private final List<String> exposed;
    private final String registry;
    private final Transport transport;
    private final String bindHost;
    private final Path runtimeDir;
    private final boolean registrarIfAbsent;
    private final boolean registration;

    private RootOptions(String name, List<String> exposed, String registry, Transport transport,
            String bindHost, Path runtimeDir, boolean registrarIfAbsent, boolean registration) {
        this.name = name;
        this.exposed = List.copyOf(exposed);
        this.registry = registry;
        this.transport = transport;
        this.bindHost = bindHost;
        this.runtimeDir = runtimeDir;
        this.registrarIfAbsent = registrarIfAbsent;
        this.registration = registration;
    }

    /** The defaults, for a root called {@code root}. */
    public static RootOptions defaults() {
        return named("root");
    }

    /**
     * The defaults, for a root called {@code name}.
     *
     * @throws IllegalArgumentException if the name is empty
     */
    public static RootOptions named(String name) {
        if (Objects.requireNonNull(name, "name").isEmpty()) {
            throw new IllegalArgumentException("an actor's name must not be empty");
        }
        return new RootOptions(name, List.of(), null, Transport.TCP, "127.0.0.1", null, true,
                true);
    }

    /** Adds classes whose public static methods the root serves to other actors (SPEC J6). */
    public RootOptions exposing(Class<?>... classes) {
        return exposingNames(Arrays.stream(classes).map(Class::getName).toArray(String[]::new));
    }

    /** Adds classes to expose by name; they are loaded when the root starts. */
    public RootOptions exposingNames(String... classNames) {
        var all = new ArrayList<>(exposed);
        all.addAll(List.of(classNames));
        return new RootOptions(name, all, registry, transport, bindHost, runtimeDir,
                registrarIfAbsent, registration);
    }

    /**
     * The registrar's address: {@code host:port} (an IPv6 host in brackets) or the absolute
     * path of a Unix socket file.
     *
     * @throws IllegalArgumentException if {@code address} is neither, or its port is 0
     */
    public RootOptions withRegistry(String address) {
        return new RootOptions(name, exposed, checkRegistry(address), transport, bindHost,
                runtimeDir, registrarIfAbsent, registration);
    }

    /** The transport of the whole tree: children listen the way their root does. */
    public RootOptions withTransport(Transport transport) {
        return new RootOptions(name, exposed, registry, Objects.requireNonNull(transport),
                bindHost, runtimeDir, registrarIfAbsent, registration);
    }

    /**
     * The host the root listens on over TCP (default {@code 127.0.0.1}); its children listen on
     * the same host. Choose an address other machines can reach to be found from them.
     */
    public RootOptions withBindHost(String host) {
        if (Objects.requireNonNull(host, "host").isEmpty()) {
            throw new IllegalArgumentException("the bind host must not be empty");
        }
        return new RootOptions(name, exposed, registry, transport, host, runtimeDir,
                registrarIfAbsent, registration);
    }

    /**
     * The folder for the tree's Unix socket files (default {@code $XDG_RUNTIME_DIR/jtractor},
     * else {@code /tmp/jtractor-UID}); created with mode 0700 if missing.
     */
    public RootOptions withRuntimeDir(Path dir) {
        return new RootOptions(name, exposed, registry, transport, bindHost,
                Objects.requireNonNull(dir, "dir"), registrarIfAbsent, registration);
    }

    /**
     * Whether this root becomes the registrar when none answers at the registry address
     * (default true). A root that does not is only a client of a registrar started elsewhere.
     */
    public RootOptions withRegistrarIfAbsent(boolean become) {
        return new RootOptions(name, exposed, registry, transport, bindHost, runtimeDir, become,
                registration);
    }

    /**
     * Whether this root registers its own name with the registrar (default true); its children
     * register either way. A tool that only looks actors up turns this off.
     */
    public RootOptions withRegistration(boolean register) {
        return new RootOptions(name, exposed, registry, transport, bindHost, runtimeDir,
                registrarIfAbsent, register);
    }

    public String name() {
        return name;
    }

    /** The names of the classes the root exposes. */
    public List<String> exposed() {
        return exposed;
    }

    /**
     * The registry address configured with {@link #withRegistry}, else the one of the system
     * property or environment variable; empty when none is (the default then depends on the
     * transport).
     *
     * @throws IllegalArgumentException if the property or variable holds no valid address
     */
    public Optional<String> registry() {
        if (registry != null) {
            return Optional.of(registry);
        }
        var configured = System.getProperty(REGISTRY_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(REGISTRY_ENV);
        }
        return configured == null || configured.isBlank() ? Optional.empty()
                : Optional.of(checkRegistry(configured.strip()));
    }

    public Transport transport() {
        return transport;
    }

    public String bindHost() {
        return bindHost;
    }

    /** The folder for Unix socket files, when one was configured. */
    public Optional<Path> runtimeDir() {
        return Optional.ofNullable(runtimeDir);
    }

    public boolean becomesRegistrarIfAbsent() {
        return registrarIfAbsent;
    }

    public boolean registers() {
        return registration;
    }

    private static String checkRegistry(String address) {
        Objects.requireNonNull(address, "address");
        Addr parsed;
        try {
            parsed = Addr.parse(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a registry address is host:port or the absolute"
                    + " path of a socket file, found \"" + address + "\"", e);
        }
        if (parsed instanceof TcpAddr tcp && tcp.port() == 0) {
            throw new IllegalArgumentException("a registry address needs a port from 1 to"
                    + " 65535, found \"" + address + "\"");
        }
        return address;
    }

    @Override
    public String toString() {
        return "RootOptions[" + name + (exposed.isEmpty() ? "" : ", exposing " + exposed)
                + ", registry " + (registry != null ? registry : "default") + ", " + transport
                + (registrarIfAbsent ? "" : ", never registrar")
                + (registration ? "" : ", unregistered") + "]";
    }
}
