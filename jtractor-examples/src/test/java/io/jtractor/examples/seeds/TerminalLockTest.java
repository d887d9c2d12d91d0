package io.jtractor.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtractor.ActorNursery;
import io.jtractor.Context;
import io.jtractor.ContextCancelled;
import io.jtractor.Portal;
import io.jtractor.SpawnOptions;
import io.jtractor.sc.Nursery;
import io.jtractor.testing.NoZombies;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed #10: the debugger's terminal lock dialog, served by a real child. */
@ExtendWith(NoZombies.class)
@Timeout(60)
class TerminalLockTest {

    private static final List<String> FIRST = List.of("sub_a", "0f3c");
    private static final List<String> SECOND = List.of("sub_b", "7d21");

    @Test
    void secondRequesterWaitsUntilTheHolderUnlocks() {
        try (var actors = ActorNursery.open()) {
            var owner = startOwner(actors);

            try (var first = owner.openContext(TerminalLock::lockTerminalForChild, FIRST)) {
                assertThat(first.first()).isEqualTo(TerminalLock.LOCKED);
                assertThat(owner.run(TerminalLock::holder)).containsExactlyElementsOf(FIRST);

                var secondResult = new AtomicReference<String>();
                Nursery.run(tasks -> {
                    tasks.startSoon("second-requester",
                            () -> secondResult.set(lockAndUnlock(owner, SECOND)));
                    assertThat(owner.run(TerminalLock::awaitWaiting, 1)).isTrue();
                    assertThat(owner.run(TerminalLock::holder))
                            .as("the holder keeps the terminal while another waits")
                            .containsExactlyElementsOf(FIRST);
                    unlock(first);
                    assertThat(first.result()).isEqualTo(TerminalLock.UNLOCK_COMPLETE);
                    return null;
                });
                assertThat(secondResult.get()).isEqualTo(TerminalLock.UNLOCK_COMPLETE);
            }
            assertThat(owner.run(TerminalLock::holder)).isNull();
        }
    }

    @Test
    void cancelledHolderReleasesTheTerminal() {
        try (var actors = ActorNursery.open()) {
            var owner = startOwner(actors);

            try (var first = owner.openContext(TerminalLock::lockTerminalForChild, FIRST)) {
                first.cancel();
                assertThat(first.result()).isInstanceOf(ContextCancelled.class);
            }
            assertThat(owner.run(TerminalLock::holder)).isNull();
            assertThat(lockAndUnlock(owner, SECOND)).isEqualTo(TerminalLock.UNLOCK_COMPLETE);
        }
    }

    private static Portal startOwner(ActorNursery actors) {
        return actors.startActor("root_tty", SpawnOptions.exposing(TerminalLock.class));
    }

    /** Takes the terminal for {@code uid}, checks it is the holder, gives it back. */
    private static String lockAndUnlock(Portal owner, List<String> uid) {
        try (var ctx = owner.openContext(TerminalLock::lockTerminalForChild, uid)) {
            assertThat(ctx.first()).isEqualTo(TerminalLock.LOCKED);
            assertThat(owner.run(TerminalLock::holder)).containsExactlyElementsOf(uid);
            unlock(ctx);
            return ctx.result(String.class);
        }
    }

    private static void unlock(Context ctx) {
        try (var stream = ctx.openStream(String.class)) {
            stream.send(TerminalLock.UNLOCK);
        }
    }
}
