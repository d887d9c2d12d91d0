package io.jtractor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jtractor.RemoteActorException;
import io.jtractor.RootOptions;
import io.jtractor.sc.Cancelled;
import io.jtractor.sc.ExceptionGroup;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** What the discovery commands ({@code daemon}, {@code ps}, {@code call}, {@code reap}) share. */
final class ToolSupport {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_INTERRUPTED = 130;

    /** Writes values as JSON: one line each, binary as base64. */
    static final ObjectMapper JSON = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ToolSupport() {
    }

    /** A problem with the command line: reported on one line, exit code 2. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    /**
     * Checks a {@code --registry} value, or resolves the default when it is null.
     *
     * @throws UsageError if the value is neither {@code host:port} nor a socket file's path
     */
    static String registry(String given) {
        try {
            var options = RootOptions.defaults();
            if (given != null) {
                options = options.withRegistry(given);
            }
            return options.registry().orElse(RootOptions.DEFAULT_REGISTRY);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--registry: " + e.getMessage());
        }
    }

    /** Root options for a tool that only looks actors up: never registrar, not registered. */
    static RootOptions clientRoot(String name, String registry) {
        return RootOptions.named(name).withRegistry(registry).withRegistrarIfAbsent(false)
                .withRegistration(false);
    }

    /** The value as one line of JSON. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return JSON.valueToTree(String.valueOf(value)).toString();
        }
    }

    /** Whether the failure is only the cancellation that Ctrl-C (or SIGTERM) caused. */
    static boolean isInterruption(Throwable failure) {
        if (failure instanceof ExceptionGroup group) {
            return group.exceptions().stream().allMatch(ToolSupport::isInterruption);
        }
        return failure instanceof Cancelled && remoteCause(failure) == null;
    }

    /** The remote error behind a failure, if there is one. */
    static RemoteActorException remoteCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        var pending = new ArrayDeque<Throwable>();
        pending.add(failure);
        while (!pending.isEmpty()) {
            var t = pending.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof RemoteActorException remote) {
                return remote;
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            pending.addAll(List.of(t.getSuppressed()));
        }
        return null;
    }

    /** The failure's message on one line, without a stack trace. */
    static String oneLine(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName()
                : firstLine(failure.getMessage());
    }

    /** The first line of {@code text}. */
    static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
