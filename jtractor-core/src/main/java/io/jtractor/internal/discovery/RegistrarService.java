package io.jtractor.internal.discovery;

import io.jtractor.internal.ipc.Addr;
import io.jtractor.ActorId;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.RawValue;
import io.jtractor.internal.msg.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar's methods in the reserved namespace {@code self}, with the reference system's
 * wire shapes (SPEC W3; see {@code wire-vectors/}):
 *
 * <table>
 * <caption>registrar methods</caption>
 * <tr><th>method</th><th>kwargs</th><th>returns</th></tr>
 * <tr><td>{@code register_actor}</td><td>{@code uid: [name, uuid], addr: [host, port]}</td>
 *     <td>nil</td></tr>
 * <tr><td>{@code unregister_actor}</td><td>{@code uid}</td><td>nil</td></tr>
 * <tr><td>{@code find_actor}</td><td>{@code name}</td><td>the addresses of one live actor of
 *     that name, {@code [[host, port], ...]}, or nil</td></tr>
 * <tr><td>{@code wait_for_actor}</td><td>{@code name}</td><td>as {@code find_actor}, once
 *     one is registered</td></tr>
 * <tr><td>{@code get_registry}</td><td>none</td><td>{@code [{uid, pid, addrs}, ...]} in
 *     registration order</td></tr>
 * <tr><td>{@code delete_addr}</td><td>{@code addr}</td><td>the uid removed, or nil</td></tr>
 * </table>
 *
 * <p>Lookups answer only with an actor that still answers a probe at its address; one that does
 * not is removed from the registry on the spot (SPEC D4), so a lookup after an actor was killed
 * reports nothing rather than a dead address.
 */
final class RegistrarService {

    private static final Logger log = LoggerFactory.getLogger(RegistrarService.class);

    /** The methods served. */
    static final Set<String> METHODS = Set.of("register_actor", "unregister_actor", "find_actor",
            "wait_for_actor", "get_registry", "delete_addr");

    private final Registry registry;
    private final ActorId self;
    private final Duration probeTimeout;
    private final int maxFrameBytes;

    RegistrarService(Registry registry, ActorId self, Duration probeTimeout, int maxFrameBytes) {
        this.registry = registry;
        this.self = self;
        this.probeTimeout = probeTimeout;
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Serves {@code self:func} for the actor whose {@code Aid} is {@code caller}.
     *
     * @throws IllegalArgumentException for an unknown method or arguments of the wrong shape
     * @throws io.jtractor.sc.Cancelled if the call is cancelled while it waits
     */
    RawValue serve(String func, Map<String, RawValue> kwargs, Msg.Aid caller) {
        return switch (func) {
            case "register_actor" -> {
                var uid = Wire.actorId(arg(kwargs, "uid", func));
                var addr = Wire.addr(arg(kwargs, "addr", func));
                registry.register(uid, addr, caller.actorId().equals(uid) ? caller.pid() : null);
                log.debug("registrar {}: registered {} at {}", self, uid, addr);
                yield RawValue.NIL;
            }
            case "unregister_actor" -> {
                var uid = Wire.actorId(arg(kwargs, "uid", func));
                if (registry.unregister(uid)) {
                    log.debug("registrar {}: unregistered {}", self, uid);
                }
                yield RawValue.NIL;
            }
            case "find_actor" -> addrsOf(findLive(name(kwargs, func)));
            case "wait_for_actor" -> addrsOf(Optional.of(awaitLive(name(kwargs, func))));
            case "get_registry" -> Values.toRaw(registry.entries().stream()
                    .map(RegistrarService::describe).toList());
            case "delete_addr" -> {
                var addr = Wire.addr(arg(kwargs, "addr", func));
                yield registry.deleteAddr(addr).map(id -> Values.toRaw(Wire.actorId(id)))
                        .orElse(RawValue.NIL);
            }
            default -> throw new IllegalArgumentException("the registrar has no method self:"
                    + func + "; it serves " + METHODS);
        };
    }

    /**
     * The most recently registered actor called {@code name} that still answers; entries that
     * do not are removed on the way (SPEC D4).
     */
    Optional<Registry.Entry> findLive(String name) {
        for (var entry : registry.candidates(name)) {
            if (isAlive(entry)) {
                return Optional.of(entry);
            }
            if (registry.remove(entry)) {
                log.info("registrar {}: removed {} ({}): it no longer answers at {}", self,
                        entry.id(), entry.pid() == null ? "pid unknown" : "pid " + entry.pid(),
                        entry.addrs());
            }
        }
        return Optional.empty();
    }

    /** Waits until a live actor called {@code name} is registered and returns it. */
    Registry.Entry awaitLive(String name) {
        while (true) {
            long seen = registry.version();
            var live = findLive(name);
            if (live.isPresent()) {
                return live.get();
            }
            registry.awaitChange(seen);
        }
    }

    private boolean isAlive(Registry.Entry entry) {
        if (entry.id().equals(self)) {
            return true;
        }
        for (var addr : entry.addrs()) {
            if (Probe.answers(addr, entry.id().uuid(), probeTimeout, maxFrameBytes)) {
                return true;
            }
        }
        return false;
    }

    private static RawValue addrsOf(Optional<Registry.Entry> entry) {
        return entry.map(e -> Values.toRaw(e.addrs().stream().map(Addr::toWire).toList()))
                .orElse(RawValue.NIL);
    }

    private static Map<String, Object> describe(Registry.Entry entry) {
        var map = new LinkedHashMap<String, Object>();
        map.put("uid", Wire.actorId(entry.id()));
        map.put("pid", entry.pid());
        map.put("addrs", new ArrayList<>(entry.addrs().stream().map(Addr::toWire).toList()));
        return map;
    }

    private static String name(Map<String, RawValue> kwargs, String func) {
        if (arg(kwargs, "name", func) instanceof String name) {
            return name;
        }
        throw new IllegalArgumentException("self:" + func + " takes a string 'name', found "
                + Values.fromRaw(kwargs.get("name")));
    }

    private static Object arg(Map<String, RawValue> kwargs, String key, String func) {
        var raw = kwargs.get(key);
        if (raw == null) {
            throw new IllegalArgumentException("self:" + func + " needs the argument '" + key
                    + "', got " + kwargs.keySet());
        }
        return Values.fromRaw(raw);
    }

    /** Removes the actor registered at {@code addr}, for the registrar's own lookups. */
    Optional<ActorId> deleteAddr(Addr addr) {
        return registry.deleteAddr(addr);
    }

    /** The entries as a list, for the registrar's own lookups of its registry. */
    List<Registry.Entry> entries() {
        return registry.entries();
    }

    @Override
    public String toString() {
        return "RegistrarService[" + self + ", " + registry + "]";
    }
}
