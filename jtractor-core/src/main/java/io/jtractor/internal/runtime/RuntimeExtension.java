package io.jtractor.internal.runtime;

import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.RawValue;
import java.util.List;
import java.util.Map;

/**
 * A service an actor runtime hosts beside its endpoints (discovery is one): it is told when the
 * runtime starts serving and when it begins to end, serves some methods of the reserved
 * namespace {@code self}, and says what a child must inherit from it.
 *
 * <p>The runtime calls {@link #started} and {@link #stopping} on its own thread, once each;
 * {@link #serveSelf} on a task of its own per call.
 */
public interface RuntimeExtension {

    /** Whether this actor is the registrar; announced in its {@code Aid} (SPEC W2). */
    boolean isRegistrar();

    /**
     * The runtime accepts connections and can run tasks; it reports ready once this returns.
     * Must return within a few seconds whatever happens.
     */
    void started(ActorRuntime runtime);

    /**
     * The runtime is ending: its tasks have ended, its connections are still open and close
     * once this returns. Must return within a few seconds whatever happens.
     */
    void stopping(ActorRuntime runtime);

    /** Whether {@code self:func} is served by this extension. */
    boolean servesSelf(String func);

    /**
     * Serves {@code self:func} for the actor whose {@code Aid} is {@code caller}: returns the
     * payload of the {@code Return}; a failure is sent as an {@code Error}. May block; observes
     * cancellation (a {@code _cancel_task} for the call, the caller's connection lost).
     */
    RawValue serveSelf(String func, Map<String, RawValue> kwargs, Msg.Aid caller);

    /** The registrar addresses a child is given (wire form), empty when there are none. */
    List<Object> registryAddrs();

    /** The address of the root of this actor's tree (wire form), handed down to children. */
    List<Object> rootAddr();
}
