package io.jtractor.cli;

import io.jtractor.ActorDaemon;
import io.jtractor.RootOptions;
import io.jtractor.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jtractor daemon}: a standalone actor (SPEC D5) that serves the public static methods
 * of the classes it exposes, registers with the registrar (becoming it when none answers), and
 * runs until a peer cancels it or the process is interrupted (SIGINT, SIGTERM).
 *
 * <p>Once it serves, it prints one line on standard output:
 * {@code jtractor daemon: NAME@ID serving [CLASSES] at ADDRESS; registrar at REGISTRY}. Exit
 * codes: 0 once cancelled, 1 when it cannot start (the registry address is taken by something
 * else, it cannot listen), 2 for usage errors (a registry address that is not
 * {@code host:port}, a class that is not on the class path).
 */
@Command(
        name = "daemon",
        mixinStandardHelpOptions = true,
        description = {
            "Runs an actor on its own: it exposes the given classes to other actors, registers"
                    + " with the registrar (or becomes it when none answers) and serves until"
                    + " it is cancelled or interrupted."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "  0:cancelled by a peer after serving",
            "  1:could not start (registry address taken, cannot listen)",
            "  2:usage error (bad registry address, class not on the class path)",
            "130:interrupted (SIGINT)"
        })
final class DaemonCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "The actor's name (names need not be unique).")
    private String name;

    @Option(names = "--expose", split = ",", paramLabel = "CLASS",
            description = "Classes whose public static methods the actor serves, by full name.")
    private List<String> exposed = new ArrayList<>();

    @Option(names = "--registry", paramLabel = "HOST:PORT",
            description = "The registrar's address: host:port, or the path of its socket file"
                    + " (default: $JTRACTOR_REGISTRY, else " + RootOptions.DEFAULT_REGISTRY
                    + "; with --uds, registrar.sock in the runtime folder).")
    private String registry;

    @Option(names = "--uds",
            description = "Listen on a Unix domain socket in the private runtime folder"
                    + " instead of TCP; children do the same.")
    private boolean uds;

    @Option(names = "--host", paramLabel = "HOST",
            description = "The address to listen on over TCP (default: ${DEFAULT-VALUE});"
                    + " choose one other machines can reach to be called from them.")
    private String host = "127.0.0.1";

    @Option(names = "--runtime-dir", paramLabel = "DIR",
            description = "The folder for Unix socket files (default: $XDG_RUNTIME_DIR/jtractor,"
                    + " else /tmp/jtractor-UID).")
    private Path runtimeDir;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        RootOptions options;
        try {
            options = options();
        } catch (ToolSupport.UsageError e) {
            err.println("jtractor daemon: " + e.getMessage());
            err.flush();
            return ToolSupport.EXIT_USAGE;
        }
        ActorDaemon daemon;
        try {
            daemon = ActorDaemon.open(options);
        } catch (RuntimeException e) {
            err.println("jtractor daemon: cannot start actor '" + name + "': "
                    + ToolSupport.oneLine(e));
            err.flush();
            return ToolSupport.EXIT_FAILED;
        }
        try (daemon) {
            out.println("jtractor daemon: " + daemon.id() + " serving " + options.exposed()
                    + " at " + daemon.address() + "; registrar at " + daemon.registry()
                    + (daemon.isRegistrar() ? " (this actor)" : ""));
            out.flush();
            daemon.join();
            out.println("jtractor daemon: " + daemon.id() + " stopped");
            out.flush();
            return ToolSupport.EXIT_OK;
        } catch (RuntimeException e) {
            if (ToolSupport.isInterruption(e)) {
                return ToolSupport.EXIT_INTERRUPTED;
            }
            err.println("jtractor daemon: " + name + " failed: " + ToolSupport.oneLine(e));
            err.flush();
            return ToolSupport.EXIT_FAILED;
        }
    }

    private RootOptions options() {
        if (name.isBlank()) {
            throw new ToolSupport.UsageError("--name must not be empty");
        }
        var options = RootOptions.named(name).withBindHost(host)
                .withTransport(uds ? Transport.UDS : Transport.TCP);
        if (registry != null) {
            options = options.withRegistry(ToolSupport.registry(registry));
        }
        if (runtimeDir != null) {
            options = options.withRuntimeDir(runtimeDir.toAbsolutePath());
        }
        for (var className : exposed) {
            checkLoadable(className.strip());
            options = options.exposingNames(className.strip());
        }
        return options;
    }

    private static void checkLoadable(String className) {
        try {
            Class.forName(className, false, DaemonCommand.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ToolSupport.UsageError("--expose: class " + className + " is not on the"
                    + " class path" + (e instanceof LinkageError ? " (" + e + ")" : ""));
        }
    }
}
