package io.jtractor.internal.runtime;

import io.jtractor.ModuleNotExposed;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The classes an actor exposes and the endpoints they offer (SPEC J6, P2). Thread-safe: classes
 * are added at start-up and looked up by every incoming {@code Start}.
 */
final class Endpoints {

    private final Map<String, Class<?>> exposed = new ConcurrentHashMap<>();
    private final Map<String, Endpoint> cache = new ConcurrentHashMap<>();

    /** Exposes a class by name; loads and initialises it. */
    void expose(String className) throws ClassNotFoundException {
        var type = Class.forName(className, true, Thread.currentThread().getContextClassLoader()
                != null ? Thread.currentThread().getContextClassLoader()
                : Endpoints.class.getClassLoader());
        exposed.put(type.getName(), type);
    }

    void expose(Class<?> type) {
        exposed.put(type.getName(), type);
    }

    Set<String> exposedNames() {
        return Set.copyOf(exposed.keySet());
    }

    /**
     * Finds the endpoint {@code ns:func} for a call with the given argument names.
     *
     * @throws ModuleNotExposed if the class is not exposed here
     * @throws IllegalArgumentException if the class has no such public static method
     */
    Endpoint lookup(String ns, String func, Set<String> argNames) {
        var key = ns + ":" + func;
        var endpoint = cache.get(key);
        if (endpoint != null) {
            return endpoint;
        }
        var type = exposed.get(ns);
        if (type == null) {
            throw new ModuleNotExposed("class " + ns + " is not exposed by this actor (exposed: "
                    + (exposed.isEmpty() ? "none" : String.join(", ", exposed.keySet()))
                    + "); start the actor with SpawnOptions.exposing(" + simpleName(ns)
                    + ".class)");
        }
        List<java.lang.reflect.Method> candidates = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(func) && Modifier.isStatic(m.getModifiers()))
                .toList();
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("class " + ns + " has no public static method '"
                    + func + "'; its endpoints are: " + endpointNames(type));
        }
        if (candidates.size() == 1) {
            endpoint = Endpoint.of(candidates.get(0));
            cache.put(key, endpoint);
            return endpoint;
        }
        return candidates.stream()
                .map(Endpoint::of)
                .filter(e -> e.parameters().stream().map(p -> p.getName())
                        .collect(Collectors.toSet()).equals(argNames))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no overload of " + ns + "."
                        + func + " takes the arguments " + argNames));
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String endpointNames(Class<?> type) {
        var names = new LinkedHashMap<String, Boolean>();
        for (var m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == type) {
                names.put(m.getName(), true);
            }
        }
        return names.isEmpty() ? "none" : String.join(", ", names.keySet());
    }
}
