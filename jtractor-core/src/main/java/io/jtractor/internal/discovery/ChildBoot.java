package io.jtractor.internal.discovery;

import io.jtractor.internal.ipc.Addr;
import io.jtractor.internal.ipc.TcpAddr;
import io.jtractor.internal.ipc.UdsAddr;
import io.jtractor.internal.ipc.UdsListener;
import io.jtractor.ActorId;
import io.jtractor.internal.runtime.ActorRuntime;
import io.jtractor.internal.runtime.RuntimeConfig;

/**
 * Boots a child actor with discovery: it listens the way its parent does (SPEC W1: a Unix
 * socket in the parent's folder when the parent listens on one, else TCP on the parent's host,
 * so that a tree bound to a routable address stays reachable), and registers with the
 * registrar its parent names in the {@code SpawnSpec} (over the connection to the parent when
 * the parent is that registrar).
 */
public final class ChildBoot {

    private ChildBoot() {
    }

    /**
     * Connects to the parent at {@code parentAddr} and boots the runtime.
     *
     * @throws IllegalStateException if the parent cannot be reached or the boot fails
     */
    public static ActorRuntime start(ActorId id, RuntimeConfig config, Addr parentAddr) {
        return switch (parentAddr) {
            case TcpAddr tcp -> ActorRuntime.startChild(id, config.withBindHost(tcp.host()), tcp,
                    null, spec -> DiscoveryService.forChild(spec, tcp));
            case UdsAddr uds -> {
                var own = UdsAddr.of(RuntimeDir.socketPath(uds.path().getParent(), id));
                yield ActorRuntime.startChild(id, config, uds,
                        UdsListener.bind(own, config.maxFrameBytes()),
                        spec -> DiscoveryService.forChild(spec, uds));
            }
        };
    }
}
