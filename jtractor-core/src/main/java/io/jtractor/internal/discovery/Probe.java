package io.jtractor.internal.discovery;

import io.jtractor.internal.ipc.Addr;
import io.jtractor.internal.ipc.MsgTransport;
import io.jtractor.internal.ipc.TransportClosedException;
import io.jtractor.internal.ipc.Transports;
import io.jtractor.internal.msg.Msg;
import io.jtractor.sc.CancelScope;
import java.time.Duration;
import java.util.UUID;

/**
 * Asks what listens at an address without becoming its peer: connects, sends an {@code Aid}
 * whose {@code is_probe} is true, reads the answer and hangs up (SPEC D1). A jtractor or
 * tractor actor answers with its own {@code Aid} and expects nothing more.
 */
final class Probe {

    /** The name a probe's {@code Aid} carries, as the reference system's probes do. */
    static final String PROBE_NAME = "registry-probe";

    /** What was found at an address. */
    enum Found {
        /** Nothing accepts connections there (refused, no socket file, no route). */
        NOTHING,
        /** An actor that says it is the registrar. */
        REGISTRAR,
        /** An actor that is not the registrar. */
        ACTOR,
        /** Something accepts connections but does not answer the handshake with an Aid. */
        STRANGER
    }

    /**
     * The outcome of one probe.
     *
     * @param found what listens there
     * @param aid the {@code Aid} it answered with, or null
     * @param detail what went wrong, for messages; empty when an actor answered
     */
    record Result(Found found, Msg.Aid aid, String detail) {
    }

    private Probe() {
    }

    /**
     * Probes {@code addr}: {@code timeout} bounds the connect and, separately, the answer.
     * Never throws for what it finds; a cancelled caller gets {@code Cancelled}.
     */
    static Result probe(Addr addr, Duration timeout, int maxFrameBytes) {
        MsgTransport transport;
        try {
            transport = Transports.connect(addr, timeout, maxFrameBytes);
        } catch (TransportClosedException e) {
            CancelScope.checkpoint();
            return new Result(Found.NOTHING, null, e.getMessage());
        }
        try (transport) {
            var answer = Transports.exchange(transport, probeAid(), timeout);
            if (answer instanceof Msg.Aid aid) {
                boolean registrar = Boolean.TRUE.equals(aid.isRegistrar());
                return new Result(registrar ? Found.REGISTRAR : Found.ACTOR, aid, "");
            }
            return new Result(Found.STRANGER, null, "it answered with "
                    + (answer == null ? "end of stream" : answer.msgType()) + ", not an Aid");
        } catch (RuntimeException e) {
            CancelScope.checkpoint();
            return new Result(Found.STRANGER, null, e.getMessage());
        }
    }

    /** Whether the actor with {@code uuid} answers at {@code addr} within {@code timeout}. */
    static boolean answers(Addr addr, String uuid, Duration timeout, int maxFrameBytes) {
        var result = probe(addr, timeout, maxFrameBytes);
        return result.aid() != null && result.aid().uuid().equals(uuid);
    }

    /** A probe's {@code Aid}: {@code is_registrar} nil and {@code is_probe} true. */
    static Msg.Aid probeAid() {
        return new Msg.Aid(PROBE_NAME, UUID.randomUUID().toString(),
                ProcessHandle.current().pid(), null, true);
    }
}
