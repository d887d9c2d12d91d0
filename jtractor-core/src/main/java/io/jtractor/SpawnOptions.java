package io.jtractor;

import java.time.Duration;
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
    private final Duration startTimeout;

    private SpawnOptions(List<String> exposed, List<String> jvmOptions,
            Map<String, String> environment, String logLevel, Duration startTimeout) {
        this.exposed = List.copyOf(exposed);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.environment = Map.copyOf(environment);
        this.logLevel = logLevel;
        this.startTimeout = startTimeout;
    }

    /** Options for a child that exposes the public static methods of {@code classes}. */
    public static SpawnOptions exposing(Class<?>... classes) {
        return new SpawnOptions(Arrays.stream(classes).map(Class::getName).toList(), List.of(),
                Map.of(), null, null);
    }

    /** Options for a child that exposes classes by name (loaded in the child). */
    public static SpawnOptions exposingNames(String... classNames) {
        return new SpawnOptions(List.of(classNames), List.of(), Map.of(), null, null);
    }

    /** Adds classes to expose. */
    public SpawnOptions alsoExposing(Class<?>... classes) {
        var all = new ArrayList<>(exposed);
        Arrays.stream(classes).map(Class::getName).forEach(all::add);
        return new SpawnOptions(all, jvmOptions, environment, logLevel, startTimeout);
    }

    /** Extra options for the child's JVM (e.g. {@code -Xmx256m}). */
    public SpawnOptions withJvmOptions(String... options) {
        var all = new ArrayList<>(jvmOptions);
        all.addAll(List.of(options));
        return new SpawnOptions(exposed, all, environment, logLevel, startTimeout);
    }

    /** An environment variable for the child process. */
    public SpawnOptions withEnvironment(String name, String value) {
        var all = new LinkedHashMap<>(environment);
        all.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return new SpawnOptions(exposed, jvmOptions, all, logLevel, startTimeout);
    }

    /** The child's log level (default: the parent's). */
    public SpawnOptions withLogLevel(String level) {
        return new SpawnOptions(exposed, jvmOptions, environment, level, startTimeout);
    }

    /**
     * How long the child may take to start, connect back and load its classes; past that,
     * {@code startActor} kills it and raises {@link SpawnFailed} (default: 60 s).
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public SpawnOptions withStartTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the start timeout must be positive, got "
                    + timeout);
        }
        return new SpawnOptions(exposed, jvmOptions, environment, logLevel, timeout);
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

    /** The bound on the child's start, or null for the runtime's default. */
    public Duration startTimeout() {
        return startTimeout;
    }

    @Override
    public String toString() {
        return "SpawnOptions[exposing " + exposed + (jvmOptions.isEmpty() ? ""
                : ", jvm " + jvmOptions) + "]";
    }
}
