package io.jtractor.internal.discovery;

import io.jtractor.ActorNotFound;
import io.jtractor.Portal;
import io.jtractor.RegisteredActor;
import io.jtractor.TransportClosed;
import io.jtractor.internal.ipc.Addr;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.RawValue;
import io.jtractor.internal.runtime.ActorRuntime;
import io.jtractor.internal.runtime.RemotePeer;
import io.jtractor.internal.runtime.RuntimeExtension;
import io.jtractor.sc.CancelScope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery in one actor (SPEC D1-D4), hosted by its runtime as an extension: the registrar's
 * book and methods when this actor is the registrar, the registration of this actor otherwise,
 * and the lookups behind {@link io.jtractor.Discovery}.
 *
 * <p><b>Implementation overview.</b> Lookups ask the registrar: the local
 * {@link RegistrarService} when this actor is it, else over a connection to the registry
 * address that is opened on first use and kept ({@code peers}, keyed by address, like the
 * connections to actors found by name: a portal from a lookup stays usable until its peer or
 * this actor ends). The registrar reports only actors that still answer; if connecting to the
 * reported address fails all the same (the actor died in between), the address is deleted from
 * the registry and the lookup asks again. {@code runtime}, {@code service} and {@code keeper}
 * are written once, by {@link #started}, before the runtime reports ready; read afterwards.
 */
public final class DiscoveryService implements RuntimeExtension {

    private static final Logger log = LoggerFactory.getLogger(DiscoveryService.class);

    /** Bound on connecting to an actor or the registrar, and on its handshake. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Bound on the probe that tells whether a registered actor still answers. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    /** Bound on unregistering when the actor ends. */
    static final Duration UNREGISTER_BOUND = Duration.ofMillis(500);

    private static final int LOOKUP_ATTEMPTS = 3;

    private final Addr registry;
    private final boolean registrar;
    private final boolean registers;
    private final List<Class<?>> exposed;
    private final List<Object> treeRoot;
    /** The address a child connected to its parent at; null for a root. */
    private final Addr parentAddr;
    private final Map<Addr, RemotePeer> peers = new ConcurrentHashMap<>();
    private volatile ActorRuntime runtime;
    private volatile RegistrarService service;
    private volatile RegistrationKeeper keeper;

    private DiscoveryService(Addr registry, boolean registrar, boolean registers,
            List<Class<?>> exposed, List<Object> treeRoot, Addr parentAddr) {
        this.registry = registry;
        this.registrar = registrar;
        this.registers = registers;
        this.exposed = List.copyOf(exposed);
        this.treeRoot = treeRoot;
        this.parentAddr = parentAddr;
    }

    /**
     * Discovery for a root actor.
     *
     * @param registry the registry address, or null for none
     * @param registrar whether this actor is the registrar (it listens on {@code registry})
     * @param registers whether this actor registers its own name
     * @param exposed classes the root exposes, made callable before it registers
     */
    static DiscoveryService forRoot(Addr registry, boolean registrar, boolean registers,
            List<Class<?>> exposed) {
        return new DiscoveryService(registry, registrar, registers, exposed, null, null);
    }

    /**
     * Discovery for a child actor, from its parent's {@code SpawnSpec}: the registry address
     * ({@code reg_addrs}, else {@code _registry_addrs}) and the tree's root
     * ({@code _root_mailbox}). A child registers when it was given a registry address; over
     * the connection to its parent, which it opened to {@code parentAddr}, when that parent is
     * the registrar.
     */
    public static DiscoveryService forChild(Msg.SpawnSpec spec, Addr parentAddr) {
        var vars = spec.runtimeVars() == null ? Map.<String, Object>of() : spec.runtimeVars();
        var registry = firstAddr(spec.regAddrs());
        if (registry == null && vars.get("_registry_addrs") instanceof List<?> listed) {
            registry = firstAddr(listed);
        }
        List<Object> root = null;
        if (vars.get("_root_mailbox") instanceof List<?> mailbox) {
            try {
                Addr.fromWire(mailbox);
                root = List.copyOf(mailbox);
            } catch (IllegalArgumentException malformed) {
                log.warn("SpawnSpec names the tree's root as {}, not an address: ignored",
                        mailbox);
            }
        }
        return new DiscoveryService(registry, false, registry != null, List.of(), root,
                parentAddr);
    }

    private static Addr firstAddr(List<?> addrs) {
        if (addrs == null) {
            return null;
        }
        for (var wire : addrs) {
            try {
                return Addr.fromWire(wire);
            } catch (IllegalArgumentException malformed) {
                log.warn("SpawnSpec names the registry as {}, not an address: ignored", wire);
            }
        }
        return null;
    }

    /**
     * The discovery service of this process's actor.
     *
     * @throws io.jtractor.NoRuntime if this process runs no actor
     * @throws IllegalStateException if its actor was started without discovery
     */
    public static DiscoveryService require(String what) {
        var runtime = ActorRuntime.require(what);
        if (runtime.extension() instanceof DiscoveryService discovery) {
            return discovery;
        }
        throw new IllegalStateException(what + " needs discovery, but actor " + runtime.id()
                + " was started without it");
    }

    // ---- the runtime's hooks -----------------------------------------------------------------

    @Override
    public boolean isRegistrar() {
        return registrar;
    }

    @Override
    public void started(ActorRuntime rt) {
        runtime = rt;
        exposed.forEach(rt::expose);
        if (registrar) {
            var book = new Registry();
            service = new RegistrarService(book, rt.id(), PROBE_TIMEOUT,
                    rt.config().maxFrameBytes());
            if (registers) {
                book.register(rt.id(), rt.listenAddr(), ProcessHandle.current().pid());
            }
            log.info("actor {} is the registrar at {}", rt.id(), rt.listenAddr());
        } else if (registers && registry != null) {
            keeper = new RegistrationKeeper(rt, registry, parentIsRegistrar(rt));
            keeper.start();
        }
    }

    /**
     * Whether this child's parent is the registrar it registers with: the parent listens at the
     * registry address and said in its {@code Aid} that it is the registrar.
     */
    private boolean parentIsRegistrar(ActorRuntime rt) {
        var aid = rt.parentAid();
        return aid != null && registry.equals(parentAddr)
                && Boolean.TRUE.equals(aid.isRegistrar());
    }

    @Override
    public void stopping(ActorRuntime rt) {
        var current = keeper;
        if (current != null) {
            current.stop(UNREGISTER_BOUND);
        }
    }

    @Override
    public boolean servesSelf(String func) {
        return registrar && RegistrarService.METHODS.contains(func);
    }

    @Override
    public RawValue serveSelf(String func, Map<String, RawValue> kwargs, Msg.Aid caller) {
        return service.serve(func, kwargs, caller);
    }

    @Override
    public List<Object> registryAddrs() {
        return registry == null ? List.of() : List.of(registry.toWire());
    }

    @Override
    public List<Object> rootAddr() {
        return treeRoot != null ? treeRoot : runtime.listenAddr().toWire();
    }

    // ---- lookups ---------------------------------------------------------------------------

    /** The registry address, if this actor knows one. */
    public Optional<Addr> registryAddr() {
        return Optional.ofNullable(registry);
    }

    /** Whether this actor is registered right now (always true for a registering registrar). */
    public boolean isRegistered() {
        var current = keeper;
        return registrar ? registers : current != null && current.isRegistered();
    }

    /**
     * Whether this child registered over the connection to its parent (the parent is the
     * registrar) rather than over a connection of its own.
     */
    public boolean isRegisteredThroughParent() {
        var current = keeper;
        return current != null && current.isRegisteredThroughParent();
    }

    /**
     * The addresses of a live actor called {@code name}, empty if there is none (SPEC D3, D4).
     *
     * @throws TransportClosed if no registrar answers
     */
    public List<Addr> query(String name) {
        if (registrar) {
            return service.findLive(name).map(Registry.Entry::addrs).orElse(List.of());
        }
        return Wire.addrs(callRegistrar("find_actor", Map.of("name", name)));
    }

    /**
     * A portal to a live actor called {@code name}, or empty (SPEC D3, D4).
     *
     * @throws TransportClosed if no registrar answers
     */
    public Optional<Portal> find(String name) {
        for (int attempt = 0; attempt < LOOKUP_ATTEMPTS; attempt++) {
            var addrs = query(name);
            if (addrs.isEmpty()) {
                return Optional.empty();
            }
            var portal = connectAny(addrs);
            if (portal.isPresent()) {
                return portal;
            }
        }
        return Optional.empty();
    }

    /**
     * Waits until an actor called {@code name} is registered and answers, and returns a portal
     * to it.
     *
     * @throws ActorNotFound if none did within {@code timeout}
     * @throws TransportClosed if no registrar answers
     */
    public Portal waitFor(String name, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("waitForActor needs a positive timeout, got "
                    + timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            var found = new AtomicReference<List<Addr>>();
            if (left > 0) {
                CancelScope.moveOnAfter(Duration.ofNanos(left), s -> found.set(awaitAddrs(name)));
            }
            if (found.get() == null) {
                throw new ActorNotFound(name, "no actor named '" + name + "' registered with"
                        + " the registrar at " + registry + " within " + timeout.toMillis()
                        + " ms");
            }
            var portal = connectAny(found.get());
            if (portal.isPresent()) {
                return portal.get();
            }
        }
    }

    private List<Addr> awaitAddrs(String name) {
        if (registrar) {
            return service.awaitLive(name).addrs();
        }
        return Wire.addrs(callRegistrar("wait_for_actor", Map.of("name", name)));
    }

    /** Connects to the first address that answers; deletes those that do not (SPEC D4). */
    private Optional<Portal> connectAny(List<Addr> addrs) {
        for (var addr : addrs) {
            try {
                return Optional.of(peerAt(addr).portal());
            } catch (TransportClosed gone) {
                log.debug("actor at {} reported by the registrar does not answer: {}", addr,
                        gone.getMessage());
                deleteAddr(addr);
            }
        }
        return Optional.empty();
    }

    private void deleteAddr(Addr addr) {
        try {
            if (registrar) {
                service.deleteAddr(addr);
            } else {
                callRegistrar("delete_addr", Map.of("addr", addr.toWire()));
            }
        } catch (RuntimeException e) {
            log.debug("could not delete {} from the registry: {}", addr, e.toString());
        }
    }

    /**
     * Every actor the registrar knows, in registration order.
     *
     * @throws TransportClosed if no registrar answers
     */
    public List<RegisteredActor> registered() {
        if (registrar) {
            return service.entries().stream().map(e -> new RegisteredActor(e.id(),
                    e.pid() == null ? OptionalLong.empty() : OptionalLong.of(e.pid()),
                    e.addrs().stream().map(Addr::toString).toList())).toList();
        }
        if (!(callRegistrar("get_registry", Map.of()) instanceof List<?> entries)) {
            return List.of();
        }
        return entries.stream().map(DiscoveryService::registeredActor).toList();
    }

    private static RegisteredActor registeredActor(Object wire) {
        if (!(wire instanceof Map<?, ?> entry)) {
            throw new IllegalArgumentException("get_registry answered with " + wire
                    + " where a map {uid, pid, addrs} was expected");
        }
        var pid = entry.get("pid") instanceof Number n ? OptionalLong.of(n.longValue())
                : OptionalLong.empty();
        return new RegisteredActor(Wire.actorId(entry.get("uid")), pid,
                Wire.addrs(entry.get("addrs")).stream().map(Addr::toString).toList());
    }

    /**
     * A portal to the registrar.
     *
     * @throws TransportClosed if no registrar answers
     */
    public Portal registrarPortal() {
        return registrarPeer().portal();
    }

    /**
     * A portal to the root of this actor's tree (this actor itself when it is the root).
     *
     * @throws TransportClosed if the root does not answer
     */
    public Portal rootPortal() {
        var addr = treeRoot != null ? Addr.fromWire(treeRoot) : runtime.listenAddr();
        return peerAt(addr).portal();
    }

    // ---- connections -------------------------------------------------------------------------

    private Object callRegistrar(String func, Map<String, ?> kwargs) {
        for (int attempt = 0; ; attempt++) {
            var peer = registrarPeer();
            try {
                return peer.call(func, kwargs);
            } catch (TransportClosed lost) {
                peers.remove(peer.addr(), peer);
                if (attempt > 0) {
                    throw new TransportClosed("the registrar at " + registry + " went away"
                            + " during self:" + func + ": " + lost.getMessage(), lost);
                }
            }
        }
    }

    private RemotePeer registrarPeer() {
        if (registry == null) {
            throw new IllegalStateException("actor " + runtime.id() + " knows no registrar: it"
                    + " was started without a registry address");
        }
        RemotePeer peer;
        try {
            peer = peerAt(registry);
        } catch (TransportClosed e) {
            throw new TransportClosed("no registrar answers at " + registry + ": "
                    + e.getMessage(), e);
        }
        if (!Boolean.TRUE.equals(peer.aid().isRegistrar())) {
            throw new IllegalStateException("the actor " + peer.aid().actorId() + " at "
                    + registry + " is not a registrar");
        }
        return peer;
    }

    private RemotePeer peerAt(Addr addr) {
        var cached = peers.get(addr);
        if (cached != null && cached.isOpen()) {
            return cached;
        }
        var fresh = RemotePeer.connect(runtime, addr, CONNECT_TIMEOUT);
        var raced = peers.merge(addr, fresh, (old, mine) -> old.isOpen() && old != cached
                ? old : mine);
        if (raced != fresh) {
            fresh.close();
        }
        return raced;
    }

    @Override
    public String toString() {
        return "DiscoveryService[" + (runtime == null ? "not started" : runtime.id())
                + (registrar ? ", registrar at " : ", registry ") + registry + "]";
    }
}
