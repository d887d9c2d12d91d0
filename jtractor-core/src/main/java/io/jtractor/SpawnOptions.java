package io.jtractor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a child actor: the classes it exposes and the JVM it runs in. Immutable; each
 * {@code with*} returns a new instance.
 *
 * <pre>{@code
 * actors.startActor("worker", SpawnOptions.exposing(Worker.class).withJvmOptions("-Xmx256m"));
 * }</pre>
 */
public final class SpawnOptions {

    private final List<String> exposed;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final String logLevel;

    private SpawnOptions(List<String> exposed, List<String> jvmOptions,
            Map<String, String> environment, String logLevel) {
        this.exposed = List.copyOf(exposed);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.environment = Map.copyOf(environment);
        this.logLevel = logLevel;
    }

    /** Options for a child that exposes the public static methods of {@code classes}. */
    public static SpawnOptions exposing(Class<?>... classes) {
        return new SpawnOptions(Arrays.stream(classes).map(Class::getName).toList(), List.of(),
                Map.of(), null);
    }

    /** Options for a child that exposes classes by name (loaded in the child). */
    public static SpawnOptions exposingNames(String... classNames) {
        return new SpawnOptions(List.of(classNames), List.of(), Map.of(), null);
    }

    /** Adds classes to expose. */
    public SpawnOptions alsoExposing(Class<?>... classes) {
        var all = new ArrayList<>(exposed);
        Arrays.stream(classes).map(Class::getName).forEach(all::add);
        return new SpawnOptions(all, jvmOptions, environment, logLevel);
    }

    /** Extra options for the child's JVM (e.g. {@code -Xmx256m}). */
    public SpawnOptions withJvmOptions(String... options) {
        var all = new ArrayList<>(jvmOptions);
        all.addAll(List.of(options));
        return new SpawnOptions(exposed, all, environment, logLevel);
    }

    /** An environment variable for the child process. */
    public SpawnOptions withEnvironment(String name, String value) {
        var all = new LinkedHashMap<>(environment);
        all.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return new SpawnOptions(exposed, jvmOptions, all, logLevel);
    }

    /** The child's log level (default: the parent's). */
    public SpawnOptions withLogLevel(String level) {
        return new SpawnOptions(exposed, jvmOptions, environment, level);
    }

    public List<String> exposed() {
        return exposed;
    }

    public List<String> jvmOptions() {
        return jvmOptions;
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** The child's log level, or null for the parent's. */
    public String logLevel() {
        return logLevel;
    }

    @Override
    public String toString() {
        return "SpawnOptions[exposing " + exposed + (jvmOptions.isEmpty() ? ""
                : ", jvm " + jvmOptions) + "]";
    }
}
