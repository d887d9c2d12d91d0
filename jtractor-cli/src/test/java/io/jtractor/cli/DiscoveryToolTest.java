package io.jtractor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jtractor.ActorNursery;
import io.jtractor.Discovery;
import io.jtractor.RootOptions;
import io.jtractor.cli.testing.Chatter;
import io.jtractor.cli.testing.Relay;
import io.jtractor.testing.NoZombies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jtractor daemon}, {@code ps} and {@code call} as a user runs them: every command in
 * its own JVM, daemons started apart from each other sharing one registrar (SPEC D5, O2).
 */
@ExtendWith(NoZombies.class)
@Timeout(180)
class DiscoveryToolTest {

    private static final String EXPOSED = Chatter.class.getName() + "," + Relay.class.getName();
    private static final String CHATTER = Chatter.class.getName();
    private static final String RELAY = Relay.class.getName();

    @TempDir
    Path tmp;

    private final String registry = "127.0.0.1:" + ToolProcess.freePort();

    private ToolProcess daemon(String name) throws InterruptedException {
        var daemon = startDaemon(name);
        daemon.awaitReady();
        return daemon;
    }

    private ToolProcess startDaemon(String name) {
        return ToolProcess.start("daemon", "--name", name, "--expose", EXPOSED, "--registry",
                registry);
    }

    private ToolProcess jtractor(String... args) throws InterruptedException {
        return jtractorAll(List.of(args)).get(0);
    }

    /** Runs several {@code jtractor} commands against the registry at once; waits for all. */
    @SafeVarargs
    private List<ToolProcess> jtractorAll(List<String>... commands) throws InterruptedException {
        var started = new ArrayList<ToolProcess>();
        for (var command : commands) {
            var all = new ArrayList<>(command);
            all.addAll(List.of("--registry", registry));
            started.add(ToolProcess.start(all.toArray(String[]::new)));
        }
        for (var tool : started) {
            tool.awaitExit(ToolProcess.STARTUP);
        }
        return started;
    }

    /** A root in this JVM that only looks actors up, for what the tool has no command for. */
    private ActorNursery client() {
        return ActorNursery.open(RootOptions.named("test-client").withRegistry(registry)
                .withRegistrarIfAbsent(false).withRegistration(false));
    }

    @Test
    void twoDaemonsStartedApartCallEachOthersContextsAndStreams() throws Exception {
        try (var alpha = daemon("alpha"); var beta = daemon("beta")) {
            var runs = jtractorAll(
                    List.of("call", "alpha", RELAY + ":pingPeer", "peer=beta", "rounds=2"),
                    List.of("call", "beta", RELAY + ":sumFromPeer", "peer=alpha", "n=10"));
            var ping = runs.get(0);
            var sum = runs.get(1);

            assertThat(ping.exitCode()).as(ping.all()).isZero();
            assertThat(ping.stdout()).isEqualTo("\"beta expects 2; beta pong 0 for alpha ping 0;"
                    + " beta pong 1 for alpha ping 1; beta served 2\"\n");
            assertThat(sum.exitCode()).as(sum.all()).isZero();
            assertThat(sum.stdout()).isEqualTo("45\n");
        }
    }

    @Test
    void psListsEveryRegisteredActorOneLineEachOrAsJson() throws Exception {
        try (var alpha = daemon("alpha"); var beta = daemon("beta")) {
            var runs = jtractorAll(List.of("ps"), List.of("ps", "--json"));
            var table = runs.get(0);
            var json = runs.get(1);

            assertThat(table.exitCode()).as(table.all()).isZero();
            var lines = table.stdout().lines().toList();
            assertThat(lines.get(0)).matches("NAME +ID +PID +ADDRESSES");
            assertThat(lines.subList(1, lines.size())).satisfiesExactly(
                    line -> assertThat(line).matches("alpha +[0-9a-f-]{36} +" + alpha.pid()
                            + " +" + registry),
                    line -> assertThat(line).matches("beta +[0-9a-f-]{36} +" + beta.pid()
                            + " +127\\.0\\.0\\.1:\\d+"));
            assertThat(json.exitCode()).as(json.all()).isZero();
            List<Map<String, Object>> parsed = new ObjectMapper().readValue(json.stdout(),
                    List.class);
            assertThat(parsed).extracting(m -> m.get("name")).containsExactly("alpha", "beta");
            assertThat(parsed.get(1).get("pid")).isEqualTo((int) beta.pid());
            assertThat(parsed.get(0).get("addresses")).isEqualTo(List.of(registry));
        }
    }

    @Test
    void callPrintsPlainResultsStreamedMessagesAndContextsAsJsonLines() throws Exception {
        try (var alpha = daemon("alpha")) {
            var runs = jtractorAll(
                    List.of("call", "alpha", CHATTER + ":greet", "name=world"),
                    List.of("call", "alpha", CHATTER + ":describe", "numbers=[1,2,3]",
                            "extra={\"ok\":true,\"tag\":\"x\"}"),
                    List.of("call", "alpha", CHATTER + ":count", "n=3"),
                    List.of("call", "alpha", CHATTER + ":countdown", "from=2"),
                    List.of("call", "alpha", CHATTER + ":evens", "n=3"));
            var greet = runs.get(0);
            var describe = runs.get(1);
            var count = runs.get(2);
            var countdown = runs.get(3);
            var evens = runs.get(4);

            assertThat(greet.stdout()).as(greet.all()).isEqualTo("\"hello world from alpha\"\n");
            assertThat(describe.stdout()).as(describe.all())
                    .isEqualTo("{\"actor\":\"alpha\",\"sum\":6,\"extra\":{\"ok\":true,"
                            + "\"tag\":\"x\"}}\n");
            assertThat(count.stdout()).as(count.all()).isEqualTo("0\n1\n2\n");
            assertThat(countdown.stdout()).as(countdown.all())
                    .isEqualTo("\"counting down from 2\"\n2\n1\n\"liftoff\"\n");
            assertThat(evens.stdout()).as(evens.all()).isEqualTo("[0,2,4]\n");
            assertThat(List.of(greet, describe, count, countdown, evens))
                    .allSatisfy(run -> assertThat(run.exitCode()).isZero());
        }
    }

    @Test
    void aRemoteErrorPrintsTheRemoteTraceAndExitsWithOne() throws Exception {
        try (var alpha = daemon("alpha")) {
            var failed = jtractor("call", "alpha", CHATTER + ":fail", "text=it broke");

            assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
            assertThat(failed.stdout()).isEmpty();
            assertThat(failed.stderr())
                    .contains("jtractor call: " + CHATTER + ":fail failed in actor alpha@")
                    .contains("java.lang.IllegalStateException: it broke")
                    .contains("--- remote stack trace (alpha@")
                    .contains("at " + CHATTER + ".fail(Chatter.java:");
        }
    }

    @Test
    void usageErrorsExitWithTwoAndOneLineWithoutATrace() throws Exception {
        try (var alpha = daemon("alpha")) {
            var runs = jtractorAll(
                    List.of("call", "alpha", "greet"),
                    List.of("call", "alpha", "java.lang.Math:abs", "a=-1"),
                    List.of("call", "alpha", CHATTER + ":nosuch"),
                    List.of("call", "alpha", CHATTER + ":greet", "who=x"),
                    List.of("call", "alpha", CHATTER + ":greet", "world"),
                    List.of("call", "nobody", CHATTER + ":greet", "name=x"),
                    List.of("daemon", "--name", "x", "--expose", "com.example.Missing"));
            var badRegistry = ToolProcess.run("ps", "--registry", "nohost");
            var notAFunction = runs.get(0);
            var notExposed = runs.get(1);
            var noMethod = runs.get(2);
            var badArgument = runs.get(3);
            var notKeyValue = runs.get(4);
            var nobody = runs.get(5);
            var unknownClass = runs.get(6);

            assertThat(badRegistry.stderr()).isEqualTo("jtractor ps: --registry: a registry"
                    + " address is host:port or the absolute path of a socket file, found"
                    + " \"nohost\"\n");
            assertThat(notAFunction.stderr()).startsWith("jtractor call: the endpoint is"
                    + " written CLASS:METHOD");
            assertThat(notExposed.stderr()).startsWith("jtractor call: alpha@")
                    .contains("refused java.lang.Math:abs: class java.lang.Math is not exposed");
            assertThat(noMethod.stderr()).contains("has no public static method 'nosuch'");
            assertThat(badArgument.stderr()).contains("unknown argument 'who'");
            assertThat(notKeyValue.stderr()).contains("arguments are written key=value;"
                    + " found 'world'");
            assertThat(nobody.stderr()).isEqualTo("jtractor call: no actor named 'nobody' is"
                    + " registered with the registrar at " + registry + "\n");
            assertThat(unknownClass.stderr()).isEqualTo("jtractor daemon: --expose: class"
                    + " com.example.Missing is not on the class path\n");
            assertThat(List.of(badRegistry, notAFunction, notExposed, noMethod, badArgument,
                    notKeyValue, nobody, unknownClass)).allSatisfy(run -> {
                        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
                        assertThat(run.stderr()).as(run.all()).hasLineCount(1)
                                .doesNotContain("\tat ");
                        assertThat(run.stdout()).isEmpty();
                    });
        }
    }

    @Test
    void ctrlCOnAStreamingCallCancelsTheRemoteTaskCleanly() throws Exception {
        try (var alpha = daemon("alpha");
                var ticks = ToolProcess.start("call", "alpha", CHATTER + ":ticks",
                        "key=interrupted", "--registry", registry)) {
            ticks.awaitLine("0", ToolProcess.STARTUP);
            ticks.awaitLine("2", ToolProcess.STARTUP);

            ticks.signal("INT");

            assertThat(ticks.awaitExit(ToolProcess.STARTUP)).as(ticks.all()).isEqualTo(130);
            assertThat(ticks.stderr())
                    .contains("jtractor call: interrupted; the remote task was cancelled");
            var event = jtractor("call", "alpha", CHATTER + ":event", "key=interrupted");
            assertThat(event.stdout()).as(event.all()).isEqualTo("\"closed\"\n");
        }
    }

    @Test
    void ctrlCOnAContextThatWaitsForTheCallerIsReportedAsTheInterruption() throws Exception {
        try (var alpha = daemon("alpha");
                var waiting = ToolProcess.start("call", "alpha", CHATTER + ":awaitOne",
                        "--registry", registry)) {
            waiting.awaitLine("\"waiting\"", ToolProcess.STARTUP);

            waiting.signal("INT");

            assertThat(waiting.awaitExit(ToolProcess.STARTUP)).as(waiting.all()).isEqualTo(130);
            assertThat(waiting.stderr()).as(waiting.all())
                    .contains("jtractor call: interrupted; the remote task was cancelled")
                    .doesNotContain("failed in actor");
        }
    }

    @Test
    void daemonsEndWhenCancelledInterruptedOrTerminatedAndLeaveTheRegistry() throws Exception {
        try (var alpha = daemon("alpha"); var beta = startDaemon("beta");
                var gamma = startDaemon("gamma"); var delta = startDaemon("delta")) {
            for (var daemon : List.of(beta, gamma, delta)) {
                daemon.awaitReady();
            }
            try (var client = client()) {
                assertThat(Discovery.findActor("beta").orElseThrow().cancelActor()).isTrue();
            }
            gamma.signal("INT");
            delta.signal("TERM");

            assertThat(beta.awaitExit(ToolProcess.STARTUP)).as(beta.all()).isZero();
            assertThat(beta.stdout()).contains("jtractor daemon: beta@").contains(" stopped");
            assertThat(gamma.awaitExit(ToolProcess.STARTUP)).as(gamma.all()).isEqualTo(130);
            assertThat(delta.awaitExit(ToolProcess.STARTUP)).as(delta.all()).isEqualTo(143);
            var ps = jtractor("ps");
            assertThat(ps.stdout()).as(ps.all()).contains("alpha").doesNotContain("beta")
                    .doesNotContain("gamma").doesNotContain("delta");
        }
    }

    @Test
    void whileTheRegistrarIsDownLookupsFailClearlyAndDaemonsRegisterAgainWhenOneIsBack()
            throws Exception {
        try (var first = daemon("first-registrar"); var beta = daemon("beta")) {
            assertThat(first.stdout()).contains("(this actor)");
            first.signal("KILL");
            first.awaitExit(ToolProcess.STARTUP);

            var runs = jtractorAll(List.of("ps"),
                    List.of("call", "beta", CHATTER + ":greet", "name=x"));
            var ps = runs.get(0);
            var call = runs.get(1);

            assertThat(ps.exitCode()).as(ps.all()).isEqualTo(1);
            assertThat(ps.stderr()).startsWith("jtractor ps: no registrar answers at " + registry)
                    .hasLineCount(1);
            assertThat(call.exitCode()).as(call.all()).isEqualTo(1);
            assertThat(call.stderr()).startsWith("jtractor call: no registrar answers at "
                    + registry);

            try (var second = daemon("second-registrar")) {
                assertThat(second.stdout()).contains("(this actor)");
                try (var client = client()) {
                    Discovery.waitForActor("beta", Duration.ofSeconds(20));
                }
                var again = jtractor("call", "beta", CHATTER + ":greet", "name=x");
                assertThat(again.stdout()).as(again.all()).isEqualTo("\"hello x from beta\"\n");
                assertThat(beta.isAlive()).as("beta kept running").isTrue();
            }
        }
    }

    @Test
    void aDaemonOnUnixSocketsIsListedAndCalledThroughItsSocket() throws Exception {
        var dir = tmp.resolve("rt");
        var socket = dir.resolve("registrar.sock").toString();
        try (var uds = ToolProcess.start("daemon", "--name", "local", "--expose", EXPOSED,
                "--uds", "--runtime-dir", dir.toString())) {
            assertThat(uds.awaitReady()).contains(" at " + socket + "; registrar at " + socket
                    + " (this actor)");

            var ps = ToolProcess.run("ps", "--registry", socket);
            var count = ToolProcess.run("call", "local", CHATTER + ":count", "n=2",
                    "--registry", socket);

            assertThat(ps.stdout()).as(ps.all()).containsPattern("local +[0-9a-f-]{36} +"
                    + uds.pid() + " +" + socket);
            assertThat(count.stdout()).as(count.all()).isEqualTo("0\n1\n");
            uds.signal("TERM");
            uds.awaitExit(ToolProcess.STARTUP);
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .noneMatch(n -> n.endsWith(".sock"));
            }
        }
    }

    @Test
    void everyCommandExplainsItselfWithHelp() throws Exception {
        for (var command : List.of("daemon", "ps", "call", "reap")) {
            var help = ToolProcess.run(command, "--help");

            assertThat(help.exitCode()).as(help.all()).isZero();
            assertThat(help.stdout()).startsWith("Usage: jtractor " + command);
        }
    }
}
