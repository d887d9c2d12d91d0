package io.jtractor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtractor.cli.testing.Chatter;
import io.jtractor.cli.testing.Relay;
import io.jtractor.testing.NoZombies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Discovery and streaming across real distinct addresses (SPEC D5): two Linux network
 * namespaces joined by a veth pair, {@code 10.200.0.1} in one and {@code 10.200.0.2} in the
 * other (private addresses that exist inside these namespaces only). The registrar and the
 * actor {@code alpha} run in the first, {@code beta} in the second; each side finds the other
 * through the registrar and streams with it. Skipped, saying why, where the machine does not
 * allow creating network namespaces.
 */
@ExtendWith(NoZombies.class)
@Timeout(120)
class NetworkNamespacesTest {

    private static final String SUFFIX = Long.toString(ProcessHandle.current().pid());
    private static final String NS_A = "jtractor-a-" + SUFFIX;
    private static final String NS_B = "jtractor-b-" + SUFFIX;
    private static final String ADDR_A = "10.200.0.1";
    private static final String ADDR_B = "10.200.0.2";
    /** Any port: nothing else lives in the fresh namespace. */
    private static final String REGISTRY = ADDR_A + ":7616";
    private static final String EXPOSED = Chatter.class.getName() + "," + Relay.class.getName();

    private static boolean created;

    @BeforeAll
    static void createNamespacesJoinedByAVethPair() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip"))
                || Files.isExecutable(Path.of("/sbin/ip")) || Files.isExecutable(
                        Path.of("/usr/bin/ip")), "the ip command (iproute2) is not installed");
        var uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Assumptions.assumeTrue(uid.equals(0), "creating network namespaces needs root; this"
                + " test runs as uid " + uid);
        var added = ip("netns", "add", NS_A);
        Assumptions.assumeTrue(added.isEmpty(), "this machine does not allow creating network"
                + " namespaces: " + added);
        created = true;
        for (var step : List.of(
                List.of("netns", "add", NS_B),
                List.of("link", "add", "jtva" + SUFFIX, "netns", NS_A, "type", "veth", "peer",
                        "name", "jtvb" + SUFFIX, "netns", NS_B),
                List.of("-n", NS_A, "addr", "add", ADDR_A + "/24", "dev", "jtva" + SUFFIX),
                List.of("-n", NS_B, "addr", "add", ADDR_B + "/24", "dev", "jtvb" + SUFFIX),
                List.of("-n", NS_A, "link", "set", "jtva" + SUFFIX, "up"),
                List.of("-n", NS_B, "link", "set", "jtvb" + SUFFIX, "up"),
                List.of("-n", NS_A, "link", "set", "lo", "up"),
                List.of("-n", NS_B, "link", "set", "lo", "up"))) {
            var failure = ip(step.toArray(String[]::new));
            assertThat(failure).as("ip %s", String.join(" ", step)).isEmpty();
        }
    }

    @AfterAll
    static void deleteNamespaces() throws Exception {
        if (created) {
            ip("netns", "del", NS_A);
            ip("netns", "del", NS_B);
        }
    }

    @Test
    void actorsInTwoNamespacesFindEachOtherThroughTheRegistrarAndStream() throws Exception {
        try (var alpha = ToolProcess.startIn(NS_A, "daemon", "--name", "alpha", "--expose",
                EXPOSED, "--registry", REGISTRY, "--host", ADDR_A)) {
            assertThat(alpha.awaitReady()).contains(" at " + REGISTRY + "; registrar at "
                    + REGISTRY + " (this actor)");
            try (var beta = ToolProcess.startIn(NS_B, "daemon", "--name", "beta", "--expose",
                    EXPOSED, "--registry", REGISTRY, "--host", ADDR_B)) {
                assertThat(beta.awaitReady()).contains(" at " + ADDR_B + ":")
                        .contains("; registrar at " + REGISTRY)
                        .doesNotContain("(this actor)");

                var ps = ToolProcess.runIn(NS_B, "ps", "--registry", REGISTRY);
                var fromB = ToolProcess.runIn(NS_B, "call", "alpha",
                        Chatter.class.getName() + ":count", "n=5", "--registry", REGISTRY);
                var alphaStreamsFromBeta = ToolProcess.runIn(NS_A, "call", "alpha",
                        Relay.class.getName() + ":sumFromPeer", "peer=beta", "n=100",
                        "--registry", REGISTRY);
                var betaTalksToAlpha = ToolProcess.runIn(NS_B, "call", "beta",
                        Relay.class.getName() + ":pingPeer", "peer=alpha", "rounds=2",
                        "--registry", REGISTRY);

                assertThat(ps.stdout()).as(ps.all())
                        .containsPattern("alpha +[0-9a-f-]{36} +" + alpha.pid() + " +"
                                + REGISTRY.replace(".", "\\."))
                        .containsPattern("beta +[0-9a-f-]{36} +" + beta.pid() + " +"
                                + ADDR_B.replace(".", "\\.") + ":\\d+");
                assertThat(fromB.stdout()).as(fromB.all()).isEqualTo("0\n1\n2\n3\n4\n");
                assertThat(alphaStreamsFromBeta.stdout()).as(alphaStreamsFromBeta.all())
                        .isEqualTo("4950\n");
                assertThat(betaTalksToAlpha.stdout()).as(betaTalksToAlpha.all())
                        .isEqualTo("\"alpha expects 2; alpha pong 0 for beta ping 0;"
                                + " alpha pong 1 for beta ping 1; alpha served 2\"\n");
            }
        }
    }

    /** Runs {@code ip ARGS}; returns its error output, empty when it succeeded. */
    private static String ip(String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "ip " + String.join(" ", args) + " did not end within 30 s";
        }
        return process.exitValue() == 0 ? "" : output.strip() + " (exit "
                + process.exitValue() + ")";
    }
}
