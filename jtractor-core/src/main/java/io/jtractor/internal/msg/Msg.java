package io.jtractor.internal.msg;

import io.jtractor.ActorId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One protocol message: the body of one frame.
 *
 * <p>Each kind is a record whose components are the wire fields in wire order; {@link MsgCodec}
 * writes them as a msgpack map whose first key is {@code msg_type} (see the
 * {@linkplain io.jtractor.internal.msg package overview}). Records check their required fields
 * at construction and keep their collections unmodifiable; the generic value trees they carry
 * ({@link SpawnSpec}, {@link Aid#extensions()}, {@link ErrorMsg#badMsg()}) are not copied deeply
 * and must not be changed after they are handed over.
 */
public sealed interface Msg {

    /** Returns this kind's wire name, the value of the {@code msg_type} key. */
    default String msgType() {
        return switch (this) {
            case Aid m -> "Aid";
            case SpawnSpec m -> "SpawnSpec";
            case Start m -> "Start";
            case StartAck m -> "StartAck";
            case Started m -> "Started";
            case Yield m -> "Yield";
            case Stop m -> "Stop";
            case Return m -> "Return";
            case CancelAck m -> "CancelAck";
            case ErrorMsg m -> "Error";
            case Credit m -> "Credit";
        };
    }

    /** Returns the context id this message belongs to, or null for a kind that has none. */
    default String cid() {
        return null;
    }

    /**
     * Sent by both ends of every new connection at once, before anything else: who I am.
     *
     * @param pid the sender's OS process id, or null
     * @param isRegistrar true from a registrar, false from other actors, null from a probe
     * @param isProbe true when the sender only checks that an actor listens there
     * @param extensions jtractor features the sender supports (never null; empty for a plain
     *     tractor peer); written under the extra key {@value #EXTENSIONS_KEY} only when not empty
     */
    record Aid(
            String name,
            String uuid,
            Long pid,
            Boolean isRegistrar,
            boolean isProbe,
            Map<String, Object> extensions) implements Msg {

        /** The map key, after the standard ones, that carries {@link #extensions()}. */
        public static final String EXTENSIONS_KEY = "jtractor_ext";

        public Aid {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(uuid, "uuid");
            extensions = extensions == null || extensions.isEmpty()
                    ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        }

        /** Creates an {@code Aid} without extensions. */
        public Aid(String name, String uuid, Long pid, Boolean isRegistrar, boolean isProbe) {
            this(name, uuid, pid, isRegistrar, isProbe, Map.of());
        }

        /** Returns the sender's actor id. */
        public ActorId actorId() {
            return new ActorId(name, uuid);
        }
    }

    /**
     * Sent by a parent to a child it spawned, right after the {@code Aid} exchange on the
     * channel the child dialled; no reply. Fields are generic value trees (see {@link Values}),
     * any of them may be null.
     */
    record SpawnSpec(
            Object parentMainData,
            Map<String, Object> runtimeVars,
            Map<String, Object> enableModules,
            List<Object> regAddrs,
            List<Object> bindAddrs) implements Msg {
    }

    /**
     * Sent by a caller to open a context or call a function {@code ns:func} in the receiver;
     * also carries cancel requests and registrar calls into the namespace {@code self}.
     *
     * @param cid the new context id, a fresh UUID string
     * @param kwargs the call's keyword arguments, values still encoded
     * @param uid the caller's actor id
     * @param pldSpec the payload type the caller expects, {@value #DEFAULT_PLD_SPEC} by default
     */
    record Start(
            String cid,
            String ns,
            String func,
            Map<String, RawValue> kwargs,
            ActorId uid,
            String pldSpec) implements Msg {

        /** The value of {@code pld_spec} when the caller does not restrict payloads. */
        public static final String DEFAULT_PLD_SPEC = "typing.Any";

        public Start {
            Objects.requireNonNull(cid, "cid");
            Objects.requireNonNull(ns, "ns");
            Objects.requireNonNull(func, "func");
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(pldSpec, "pldSpec");
            Objects.requireNonNull(kwargs, "kwargs");
            var copy = new LinkedHashMap<String, RawValue>(kwargs);
            copy.forEach((k, v) -> {
                Objects.requireNonNull(k, "kwargs key");
                Objects.requireNonNull(v, () -> "kwargs value of " + k);
            });
            kwargs = Collections.unmodifiableMap(copy);
        }

        /** Creates a {@code Start} with the default {@code pld_spec}. */
        public Start(
                String cid, String ns, String func, Map<String, RawValue> kwargs, ActorId uid) {
            this(cid, ns, func, kwargs, uid, DEFAULT_PLD_SPEC);
        }
    }

    /**
     * Sent by the callee in answer to a {@code Start} once the function is found: what kind
     * of function runs.
     *
     * @param functype {@value #ASYNCFUNC}, {@value #ASYNCGEN} or {@value #CONTEXT}
     */
    record StartAck(String cid, String functype) implements Msg {

        /** A plain function: one {@code Return} or {@code Error} follows. */
        public static final String ASYNCFUNC = "asyncfunc";
        /** A streaming generator function. */
        public static final String ASYNCGEN = "asyncgen";
        /** A context endpoint: {@code Started}, stream messages, then {@code Return}. */
        public static final String CONTEXT = "context";

        public StartAck {
            Objects.requireNonNull(cid, "cid");
            if (!isFunctype(functype)) {
                throw new IllegalArgumentException("functype must be asyncfunc, asyncgen or "
                        + "context, found " + functype);
            }
        }

        static boolean isFunctype(String s) {
            return ASYNCFUNC.equals(s) || ASYNCGEN.equals(s) || CONTEXT.equals(s);
        }
    }

    /** Sent by the child side of a context when it calls {@code started(value)}; once. */
    record Started(String cid, RawValue pld) implements Msg {
        public Started {
            Objects.requireNonNull(cid, "cid");
            pld = pld == null ? RawValue.NIL : pld;
        }
    }

    /** Sent by either side of a context for each item it sends on the open stream. */
    record Yield(String cid, RawValue pld) implements Msg {
        public Yield {
            Objects.requireNonNull(cid, "cid");
            pld = pld == null ? RawValue.NIL : pld;
        }
    }

    /** Sent by whichever side of a context leaves its stream block first; never answered. */
    record Stop(String cid) implements Msg {
        public Stop {
            Objects.requireNonNull(cid, "cid");
        }
    }

    /** Sent by the callee when its function or context ends normally: the result. */
    record Return(String cid, RawValue pld) implements Msg {
        public Return {
            Objects.requireNonNull(cid, "cid");
            pld = pld == null ? RawValue.NIL : pld;
        }
    }

    /** Sent by the callee of a cancel request ({@code self:cancel}, {@code self:_cancel_task}). */
    record CancelAck(String cid, boolean pld) implements Msg {
        public CancelAck {
            Objects.requireNonNull(cid, "cid");
        }
    }

    /**
     * Sent (wire name {@code Error}) by the side of a context whose task failed, by a receiver
     * rejecting a message, or by an actor relaying an error it received; ends the context.
     *
     * @param srcUid the actor where the error was first raised
     * @param srcTypeStr the name of the original exception type
     * @param boxedTypeStr the name of the type this error is boxed as at this hop
     * @param relayPath the actors the error has passed through, the source first
     * @param message the error text, or null
     * @param tbStr the formatted traceback, empty when there is none
     * @param canceller the actor that requested the cancellation this error reports, or null
     * @param sender the actor whose message caused the error (e.g. a stream overrun), or null
     * @param cid the context the error ends, or null
     * @param badMsg the offending message as a value tree, or null
     * @param badMsgAsDict the offending message as a map, or null
     */
    record ErrorMsg(
            ActorId srcUid,
            String srcTypeStr,
            String boxedTypeStr,
            List<ActorId> relayPath,
            String message,
            String tbStr,
            ActorId canceller,
            ActorId sender,
            String cid,
            Object badMsg,
            Object badMsgAsDict) implements Msg {

        public ErrorMsg {
            Objects.requireNonNull(srcUid, "srcUid");
            Objects.requireNonNull(srcTypeStr, "srcTypeStr");
            Objects.requireNonNull(boxedTypeStr, "boxedTypeStr");
            relayPath = List.copyOf(relayPath);
            tbStr = tbStr == null ? "" : tbStr;
        }
    }

    /**
     * jtractor extension: sent by the receiver of a context's stream to grant the sender
     * {@code credits} more {@code Yield}s; only to peers whose {@code Aid} announced it.
     */
    record Credit(String cid, long credits) implements Msg {
        public Credit {
            Objects.requireNonNull(cid, "cid");
            if (credits < 0) {
                throw new IllegalArgumentException("credits must be >= 0, found " + credits);
            }
        }
    }
}
