package io.jtractor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtractor.ActorNursery;
import io.jtractor.SpawnOptions;
import io.jtractor.testing.NoZombies;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Zero zombies when the root goes away (SPEC A8) and Ctrl-C on the root (SPEC A9), with a root
 * program in its own JVM ({@link TreeRootMain}) whose child is this JVM's grandchild: when the
 * root dies the child is re-parented, so each test follows the child's pid itself.
 */
@ExtendWith(NoZombies.class)
@Timeout(60)
class TreeSignalsTest {

    @Test
    void childOfASigkilledRootExitsWithinSeconds() throws Exception {
        long childPid = -1;
        try (var root = RootProgram.start()) {
            childPid = root.awaitChildPid(Duration.ofSeconds(30));
            ProcessHandle.of(root.pid()).orElseThrow().destroyForcibly();
            assertThat(root.awaitExit(Duration.ofSeconds(10))).contains(137);

            assertThat(RootProgram.awaitGone(childPid, Duration.ofSeconds(10)))
                    .as("the orphaned child %d exited within 10 s; root output:%n%s", childPid,
                            root.output())
                    .isTrue();
        } finally {
            RootProgram.killIfAlive(childPid);
        }
    }

    @Test
    void sigintOnTheRootTearsTheTreeDownAndEndsWithTheInterrupt() throws Exception {
        long childPid = -1;
        try (var root = RootProgram.start()) {
            childPid = root.awaitChildPid(Duration.ofSeconds(30));
            Signals.interrupt(root.pid());

            var exit = root.awaitExit(Duration.ofSeconds(10));
            assertThat(exit).as("exit of the root program; its output:%n%s", root.output())
                    .contains(130);
            assertThat(root.output()).contains("cancelling its tasks and children");
            assertThat(ProcessHandle.of(childPid).filter(ProcessHandle::isAlive))
                    .as("the root tore its child %d down before it exited", childPid).isEmpty();
        } finally {
            RootProgram.killIfAlive(childPid);
        }
    }

    @Test
    void childActorsIgnoreSigintSoThatCancellationTravelsOverIpc() throws Exception {
        try (var actors = ActorNursery.open()) {
            var child = actors.startActor("deaf-to-ctrl-c", SpawnOptions.exposing(Endpoints.class));
            long pid = child.run(Endpoints::pid);

            Signals.interrupt(pid);

            assertThat(child.run(Endpoints::ignoresSigint)).isTrue();
            assertThat(child.run(Endpoints::add, 2, 2)).isEqualTo(4);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        }
    }
}
