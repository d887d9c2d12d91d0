package io.jtractor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.jtractor.ActorNursery;
import io.jtractor.Discovery;
import io.jtractor.Portal;
import io.jtractor.RemoteActorException;
import io.jtractor.internal.runtime.UntypedCall;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jtractor call}: calls an endpoint of a running actor found by name, and prints what it
 * produces as JSON on standard output, one value a line: a plain function's result (a list or
 * map result is one value, on one line); each element of a streaming function (one returning a
 * Stream, an Iterator or an Iterable that is not a Collection) as it arrives; for a context
 * function, the value it passed to {@code started()}, each message it sends on its stream, then
 * its result (the tool sends nothing on the stream). Ctrl-C cancels the remote task and waits
 * for it to end.
 *
 * <p>Exit codes: 0 when the call returned; 1 when it failed in the actor (the remote trace goes
 * to standard error) or the registrar or actor cannot be reached; 2 for usage errors (a
 * registry address that is not {@code host:port}, a function not written
 * {@code CLASS:METHOD}, an argument not written {@code key=value}, a name no actor has
 * registered, a class the actor does not expose, a method it does not have or arguments it does
 * not take); 130 when interrupted.
 */
@Command(
        name = "call",
        mixinStandardHelpOptions = true,
        description = {
            "Calls CLASS:METHOD in the actor registered as NAME and prints its result as JSON;"
                    + " a streaming endpoint prints one JSON line per message as it arrives."
                    + " Arguments are key=value; a value is parsed as JSON when it parses, else"
                    + " taken as a string."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "  0:the call returned",
            "  1:the call failed in the actor (remote trace printed), or the registrar or"
                    + " actor cannot be reached",
            "  2:usage error (bad registry address or argument, unregistered name, class not"
                    + " exposed, unknown method or arguments)",
            "130:interrupted (Ctrl-C); the remote task was cancelled"
        })
final class CallCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The actor's registered name.")
    private String name;

    @Parameters(index = "1", paramLabel = "CLASS:METHOD",
            description = "The endpoint, e.g. com.example.Worker:process.")
    private String function;

    @Parameters(index = "2..*", paramLabel = "key=value", description = "Named arguments.")
    private List<String> arguments = new ArrayList<>();

    @Option(names = "--registry", paramLabel = "HOST:PORT",
            description = "The registrar's address: host:port, or the path of its socket file"
                    + " (default: $JTRACTOR_REGISTRY, else 127.0.0.1:1616).")
    private String registry;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        String address;
        Map<String, Object> kwargs;
        try {
            address = ToolSupport.registry(registry);
            checkFunction();
            kwargs = parseArguments(arguments);
        } catch (ToolSupport.UsageError e) {
            return usage(e.getMessage());
        }
        try (var root = ActorNursery.open(ToolSupport.clientRoot("jtractor-call", address))) {
            var portal = Discovery.findActor(name);
            if (portal.isEmpty()) {
                return usage("no actor named '" + name + "' is registered with the registrar at "
                        + address);
            }
            return call(portal.get(), kwargs);
        } catch (RuntimeException e) {
            // After Ctrl-C the remote task may end on its own first (the stream's end reaches
            // it before the cancel request): that is still this call's interruption.
            if (ToolSupport.isInterruption(e) || Main.isShuttingDown()) {
                err.println("jtractor call: interrupted; the remote task was cancelled");
                err.flush();
                return ToolSupport.EXIT_INTERRUPTED;
            }
            var remote = ToolSupport.remoteCause(e);
            if (remote != null) {
                err.println("jtractor call: " + function + " failed in actor " + remote.source()
                        + ":");
                err.println(remote);
            } else {
                err.println("jtractor call: " + ToolSupport.oneLine(e));
            }
            err.flush();
            return ToolSupport.EXIT_FAILED;
        }
    }

    private int call(Portal portal, Map<String, Object> kwargs) {
        var out = spec.commandLine().getOut();
        UntypedCall call;
        try {
            call = UntypedCall.start(portal, function, kwargs);
        } catch (RemoteActorException refused) {
            // Refused before it started: the class, method or arguments do not fit the actor.
            var reason = refused.remoteMessage().isEmpty() ? refused.boxedTypeName()
                    : ToolSupport.firstLine(refused.remoteMessage());
            return usage(portal.actor() + " refused " + function + ": " + reason);
        }
        try (call) {
            switch (call.kind()) {
                case PLAIN -> print(out, call.result());
                case STREAMING -> {
                    try (var stream = call.stream()) {
                        for (var message : stream) {
                            print(out, message);
                        }
                    }
                    call.result();
                }
                case CONTEXT -> {
                    print(out, call.first());
                    try (var stream = call.stream()) {
                        for (var message : stream) {
                            print(out, message);
                        }
                    }
                    print(out, call.result());
                }
            }
        }
        return ToolSupport.EXIT_OK;
    }

    private static void print(PrintWriter out, Object value) {
        out.println(ToolSupport.json(value));
        out.flush();
    }

    private int usage(String message) {
        var err = spec.commandLine().getErr();
        err.println("jtractor call: " + message);
        err.flush();
        return ToolSupport.EXIT_USAGE;
    }

    private void checkFunction() {
        int colon = function.lastIndexOf(':');
        if (colon <= 0 || colon == function.length() - 1) {
            throw new ToolSupport.UsageError("the endpoint is written CLASS:METHOD, e.g."
                    + " com.example.Worker:process; found '" + function + "'");
        }
    }

    /**
     * Reads {@code key=value} arguments; a value is JSON when it parses as JSON, else a string.
     *
     * @throws ToolSupport.UsageError for an argument without {@code =} or with an empty key
     */
    static Map<String, Object> parseArguments(List<String> arguments) {
        var kwargs = new LinkedHashMap<String, Object>();
        for (var argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq <= 0) {
                throw new ToolSupport.UsageError("arguments are written key=value; found '"
                        + argument + "'");
            }
            kwargs.put(argument.substring(0, eq), parseValue(argument.substring(eq + 1)));
        }
        return kwargs;
    }

    private static Object parseValue(String text) {
        try {
            return ToolSupport.JSON.readerFor(Object.class)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(text);
        } catch (JsonProcessingException notJson) {
            return text;
        }
    }
}
