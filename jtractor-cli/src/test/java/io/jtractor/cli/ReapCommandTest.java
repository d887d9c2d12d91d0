package io.jtractor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtractor.ActorNursery;
import io.jtractor.RootOptions;
import io.jtractor.cli.testing.Chatter;
import io.jtractor.cli.testing.Sleeper;
import io.jtractor.testing.NoZombies;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code jtractor reap} as a user runs it: it terminates actor processes whose parent is gone
 * and leaves those of a running tree alone. Each test names its own actors and asks reap only
 * about them, so that actors of other programs on the machine are never touched.
 */
@ExtendWith(NoZombies.class)
@Timeout(90)
class ReapCommandTest {

    private final String name = "reap-test-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void reapTerminatesALeftoverActorAndDryRunOnlyListsIt() throws Exception {
        var orphan = startOrphan(name);
        try {
            var dryRun = ToolProcess.run("reap", "--dry-run", "--actor", name);

            assertThat(dryRun.exitCode()).as(dryRun.all()).isZero();
            assertThat(dryRun.stdout()).startsWith("would terminate pid " + orphan.pid()
                    + " (actor " + name + ", its parent is gone");
            assertThat(orphan.isAlive()).isTrue();

            var reap = ToolProcess.run("reap", "--actor", name);

            assertThat(reap.exitCode()).as(reap.all()).isZero();
            assertThat(reap.stdout()).startsWith("terminated pid " + orphan.pid() + " (actor "
                    + name + ", its parent is gone")
                    .endsWith("jtractor reap: 1 of 1 leftover actor processes ended\n");
            assertThat(orphan.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();

            var again = ToolProcess.run("reap", "--actor", name);
            assertThat(again.stdout()).isEqualTo("jtractor reap: no leftover actor processes"
                    + " named '" + name + "'\n");
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void reapLeavesTheChildrenOfARunningTreeUnlessAskedForAll() throws Exception {
        var registry = "127.0.0.1:" + ToolProcess.freePort();
        try (var actors = ActorNursery.open(RootOptions.named("reap-root")
                .withRegistry(registry))) {
            var child = actors.startActor(name, Chatter.class);
            long pid = child.run(Chatter::pid);

            var plain = ToolProcess.run("reap", "--dry-run", "--actor", name);
            var all = ToolProcess.run("reap", "--dry-run", "--all", "--actor", name);

            assertThat(plain.stdout()).as(plain.all()).isEqualTo("jtractor reap: no leftover"
                    + " actor processes named '" + name + "'\n");
            assertThat(all.stdout()).as(all.all()).isEqualTo("would terminate pid " + pid
                    + " (actor " + name + ", --all)\n");
        }
    }

    /**
     * Starts a process that looks like an actor ({@code -Djtractor.actor=NAME}) from a shell
     * that then exits, so that the process is re-parented: a leftover. Returns once it runs.
     */
    private static ProcessHandle startOrphan(String name) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java");
        var script = "'" + java + "' -Djtractor.actor=" + name + " -cp '"
                + System.getProperty("java.class.path") + "' " + Sleeper.class.getName()
                + " & echo $!; read unused";
        var shell = new ProcessBuilder("sh", "-c", script).start();
        var out = new BufferedReader(new InputStreamReader(shell.getInputStream(),
                StandardCharsets.UTF_8));
        long pid = Long.parseLong(out.readLine().strip());
        assertThat(out.readLine()).as("the leftover started").isEqualTo("sleeping");
        shell.getOutputStream().close();
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).as("the shell exited").isTrue();
        return ProcessHandle.of(pid).orElseThrow();
    }
}
