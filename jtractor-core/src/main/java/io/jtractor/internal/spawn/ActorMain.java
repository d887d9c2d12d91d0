package io.jtractor.internal.spawn;

import io.jtractor.internal.discovery.ChildBoot;
import io.jtractor.internal.ipc.Addr;
import io.jtractor.ActorId;
import io.jtractor.internal.runtime.ActorRuntime;
import io.jtractor.internal.runtime.RuntimeConfig;
import java.time.Duration;

/**
 * Entry point of a child actor's JVM: {@code ActorMain NAME UUID PARENT_ADDR LOG_LEVEL}, the
 * parent's address being {@code host:port} or the path of its Unix socket.
 * Boots the runtime connected to the parent, serves until cancelled or orphaned, then exits:
 * 0 after a normal end, 3 when booting failed. Ignores SIGINT: the root
 * cancels the tree over IPC.
 */
public final class ActorMain {

    private ActorMain() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: ActorMain NAME UUID PARENT_ADDR [LOG_LEVEL]");
            System.exit(2);
        }
        if (args.length > 3) {
            System.setProperty(RuntimeConfig.LOG_LEVEL_PROPERTY, args[3]);
        }
        ChildLogging.select();
        ignoreInterrupts();
        var id = new ActorId(args[0], args[1]);
        ActorRuntime runtime;
        try {
            runtime = ChildBoot.start(id, RuntimeConfig.defaults(), Addr.parse(args[2]));
        } catch (RuntimeException e) {
            System.err.println("jtractor: actor " + id + " failed to boot: " + e);
            System.exit(3);
            return;
        }
        while (!runtime.awaitEnd(Duration.ofDays(1))) {
            Thread.onSpinWait();
        }
        System.exit(0);
    }

    /**
     * Ctrl-C in a terminal sends SIGINT to every process of the foreground group, children
     * included. A child ignores it: the root cancels the whole tree over IPC (SPEC A9), and a
     * child whose parent is gone ends on its own (SPEC A8). SIGTERM still ends a child, through
     * the runtime's shutdown hook.
     */
    private static void ignoreInterrupts() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException | UnsupportedOperationException unsupported) {
            // No SIGINT on this platform, or the JVM reserves it: nothing to ignore.
        }
    }
}
