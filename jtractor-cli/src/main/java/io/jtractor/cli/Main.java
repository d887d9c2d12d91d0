package io.jtractor.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code jtractor} command: the entry point of the command-line tool.
 *
 * <p>Exit codes: 0 on success, 1 when a job fails, 2 for usage errors (unknown or malformed
 * options, a missing input).
 */
@Command(
        name = "jtractor",
        mixinStandardHelpOptions = true,
        version = "0.1.0",
        description = "Structured concurrency across processes for the JVM.",
        subcommands = {DemoCommand.class, BenchCommand.class, DaemonCommand.class,
            PsCommand.class, CallCommand.class, ReapCommand.class, HelpCommand.class})
public final class Main implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Set by the shutdown hook: the JVM is exiting on a signal (Ctrl-C, SIGTERM) or exit. */
    private static volatile boolean shuttingDown;

    /**
     * Whether the JVM has begun to shut down (on Ctrl-C, for instance): a command that fails
     * from then on was interrupted, whatever exception its teardown produced.
     */
    static boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Creates the command; picocli fills in its options. */
    public Main() {
    }

    /**
     * Runs the tool and exits the JVM with its exit code.
     *
     * @param args the command line, for example {@code demo --workers 4}
     */
    public static void main(String[] args) {
        var finished = new CountDownLatch(1);
        // On Ctrl-C the runtime tears the actor tree down; this keeps the JVM alive until the
        // command has reported how it ended (bounded, so a stuck command cannot hold it).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shuttingDown = true;
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jtractor-cli-shutdown"));
        int code;
        try {
            code = new CommandLine(new Main()).execute(args);
        } finally {
            finished.countDown();
        }
        System.exit(code);
    }

    /**
     * Called when no subcommand was given: a usage error.
     *
     * @throws ParameterException always, which picocli reports with the usage and exit code 2
     */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing subcommand; try 'jtractor demo' or 'jtractor help'");
    }
}
