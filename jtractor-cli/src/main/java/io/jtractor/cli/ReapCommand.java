package io.jtractor.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jtractor reap}: finds leftover actor processes of the current user and terminates
 * them (SIGTERM, then SIGKILL after a grace), reporting each. An actor process is recognised by
 * the {@code -Djtractor.actor=NAME} its parent put on its command line; it is a leftover when
 * its parent is gone, i.e. its parent process is no longer a JVM (it was re-parented), unless
 * {@code --all} asks for every actor process. Exit codes: 0 when every leftover ended (or there
 * was none), 1 when one could not be ended.
 */
@Command(
        name = "reap",
        mixinStandardHelpOptions = true,
        description = {
            "Finds leftover jtractor actor processes of the current user (their parent is"
                    + " gone) and terminates them: SIGTERM, then SIGKILL after a grace."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:every leftover ended, or there was none",
            "1:a leftover could not be ended"
        })
final class ReapCommand implements Callable<Integer> {

    /** Marks an actor process on its command line; set by the parent that spawned it. */
    static final String ACTOR_PROPERTY = "-Djtractor.actor=";

    private static final Duration TERMINATE_GRACE = Duration.ofSeconds(3);

    @Spec
    private CommandSpec spec;

    @Option(names = "--dry-run", description = "Only list what would be terminated.")
    private boolean dryRun;

    @Option(names = "--all",
            description = "Every actor process of this user, also those whose parent lives.")
    private boolean all;

    @Option(names = "--actor", paramLabel = "NAME",
            description = "Only actor processes of this name.")
    private String actorName;

    /**
     * One actor process found.
     *
     * @param why why it counts as a leftover
     */
    record Found(ProcessHandle process, String name, String why) {
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var found = find();
        if (found.isEmpty()) {
            out.println("jtractor reap: no leftover actor processes"
                    + (actorName == null ? "" : " named '" + actorName + "'"));
            out.flush();
            return ToolSupport.EXIT_OK;
        }
        int failed = 0;
        for (var leftover : found) {
            var label = "pid " + leftover.process().pid() + " (actor " + leftover.name() + ", "
                    + leftover.why() + ")";
            if (dryRun) {
                out.println("would terminate " + label);
            } else {
                var outcome = terminate(leftover.process());
                out.println(outcome + " " + label);
                if (outcome.startsWith("could not")) {
                    failed++;
                }
            }
            out.flush();
        }
        if (!dryRun) {
            out.println("jtractor reap: " + (found.size() - failed) + " of " + found.size()
                    + " leftover actor processes ended");
            out.flush();
        }
        return failed == 0 ? ToolSupport.EXIT_OK : ToolSupport.EXIT_FAILED;
    }

    private List<Found> find() {
        var self = ProcessHandle.current();
        var user = self.info().user().orElse(System.getProperty("user.name"));
        var found = new ArrayList<Found>();
        ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self.pid() && !isAncestorOfSelf(p, self))
                .filter(p -> p.info().user().map(user::equals).orElse(false))
                .forEach(p -> actorNameOf(p).ifPresent(name -> {
                    if (actorName != null && !actorName.equals(name)) {
                        return;
                    }
                    var why = leftoverReason(p);
                    if (why != null || all) {
                        found.add(new Found(p, name, why != null ? why : "--all"));
                    }
                }));
        return found;
    }

    private static boolean isAncestorOfSelf(ProcessHandle candidate, ProcessHandle self) {
        for (var p = self.parent(); p.isPresent(); p = p.get().parent()) {
            if (p.get().pid() == candidate.pid()) {
                return true;
            }
        }
        return false;
    }

    /** The actor name on the process's command line, if it is an actor process. */
    static Optional<String> actorNameOf(ProcessHandle process) {
        var commandLine = process.info().commandLine().orElse("");
        int at = commandLine.indexOf(ACTOR_PROPERTY);
        if (at < 0) {
            return Optional.empty();
        }
        int start = at + ACTOR_PROPERTY.length();
        int end = commandLine.indexOf(' ', start);
        return Optional.of(commandLine.substring(start, end < 0 ? commandLine.length() : end));
    }

    /** Why the actor process is a leftover, or null when its parent JVM still lives. */
    private static String leftoverReason(ProcessHandle process) {
        var parent = process.parent();
        if (parent.isEmpty() || !parent.get().isAlive()) {
            return "its parent is gone";
        }
        var command = parent.get().info().command().orElse("");
        if (parent.get().pid() == 1 || !command.endsWith("/java")) {
            return "its parent is gone: re-parented to pid " + parent.get().pid();
        }
        return null;
    }

    /** SIGTERM, then SIGKILL after the grace; says what it took. */
    private static String terminate(ProcessHandle process) {
        if (!process.destroy() && process.isAlive()) {
            return "could not signal";
        }
        if (awaitExit(process, TERMINATE_GRACE)) {
            return "terminated";
        }
        process.destroyForcibly();
        return awaitExit(process, TERMINATE_GRACE) ? "killed (SIGKILL after "
                + TERMINATE_GRACE.toSeconds() + " s)" : "could not end";
    }

    private static boolean awaitExit(ProcessHandle process, Duration bound) {
        try {
            process.onExit().get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        }
    }
}
