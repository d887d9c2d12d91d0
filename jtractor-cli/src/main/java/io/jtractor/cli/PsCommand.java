package io.jtractor.cli;

import io.jtractor.ActorNursery;
import io.jtractor.Discovery;
import io.jtractor.RegisteredActor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jtractor ps}: the actors the registrar knows, one line each (name, id, pid,
 * addresses), or a JSON array with {@code --json}. Exit codes: 0 when the registrar answered,
 * 1 when none answers at the address, 2 for a registry address that is not {@code host:port}.
 */
@Command(
        name = "ps",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the actors the registrar knows: name, id, pid and addresses, one line each."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:listed",
            "1:no registrar answers at the address",
            "2:usage error (registry address not host:port)"
        })
final class PsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--registry", paramLabel = "HOST:PORT",
            description = "The registrar's address: host:port, or the path of its socket file"
                    + " (default: $JTRACTOR_REGISTRY, else 127.0.0.1:1616).")
    private String registry;

    @Option(names = "--json", description = "Print a JSON array, for scripts.")
    private boolean json;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        String address;
        try {
            address = ToolSupport.registry(registry);
        } catch (ToolSupport.UsageError e) {
            err.println("jtractor ps: " + e.getMessage());
            err.flush();
            return ToolSupport.EXIT_USAGE;
        }
        List<RegisteredActor> actors;
        try (var root = ActorNursery.open(ToolSupport.clientRoot("jtractor-ps", address))) {
            actors = Discovery.registeredActors();
        } catch (RuntimeException e) {
            if (ToolSupport.isInterruption(e)) {
                return ToolSupport.EXIT_INTERRUPTED;
            }
            err.println("jtractor ps: " + ToolSupport.oneLine(e));
            err.flush();
            return ToolSupport.EXIT_FAILED;
        }
        if (json) {
            out.println(ToolSupport.json(actors.stream().map(PsCommand::asMap).toList()));
        } else {
            printTable(out, actors);
        }
        out.flush();
        return ToolSupport.EXIT_OK;
    }

    private static Map<String, Object> asMap(RegisteredActor actor) {
        var map = new LinkedHashMap<String, Object>();
        map.put("name", actor.name());
        map.put("uuid", actor.id().uuid());
        map.put("pid", actor.pid().isPresent() ? actor.pid().getAsLong() : null);
        map.put("addresses", actor.addresses());
        return map;
    }

    private static void printTable(PrintWriter out, List<RegisteredActor> actors) {
        var rows = new ArrayList<String[]>();
        rows.add(new String[] {"NAME", "ID", "PID", "ADDRESSES"});
        for (var actor : actors) {
            rows.add(new String[] {actor.name(), actor.id().uuid(),
                actor.pid().isPresent() ? Long.toString(actor.pid().getAsLong()) : "-",
                String.join(",", actor.addresses())});
        }
        int[] widths = new int[3];
        for (var row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (var row : rows) {
            out.printf("%-" + widths[0] + "s  %-" + widths[1] + "s  %" + widths[2] + "s  %s%n",
                    row[0], row[1], row[2], row[3]);
        }
    }
}
