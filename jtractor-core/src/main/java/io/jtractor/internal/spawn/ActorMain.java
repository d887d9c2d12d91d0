package io.jtractor.internal.spawn;

import io.jtractor.internal.ipc.TcpAddr;
import io.jtractor.internal.msg.ActorId;
import io.jtractor.internal.runtime.ActorRuntime;
import io.jtractor.internal.runtime.RuntimeConfig;
import java.time.Duration;

/**
 * Entry point of a child actor's JVM: {@code ActorMain NAME UUID PARENT_HOST:PORT LOG_LEVEL}.
 * Boots the runtime connected to the parent, serves until cancelled or orphaned, then exits:
 * 0 after a normal end, 3 when booting failed.
 */
public final class ActorMain {

    private ActorMain() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: ActorMain NAME UUID PARENT_HOST:PORT [LOG_LEVEL]");
            System.exit(2);
        }
        if (args.length > 3) {
            System.setProperty("jtractor.log.level", args[3]);
        }
        var id = new ActorId(args[0], args[1]);
        ActorRuntime runtime;
        try {
            runtime = ActorRuntime.startChild(id, RuntimeConfig.defaults(),
                    TcpAddr.parse(args[2]));
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
}
