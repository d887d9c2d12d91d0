/**
 * The local structured-concurrency toolkit: what jtractor's runtime is built on inside one
 * actor, and what its users get for their own tasks (SPEC section 10).
 *
 * <ul>
 * <li>{@link io.jtractor.sc.Nursery}: a scope that owns tasks; errors propagate, nothing
 *     outlives it.
 * <li>{@link io.jtractor.sc.CancelScope}: cancellation on demand and at deadlines, shielding,
 *     level-triggered delivery through thread interruption; {@link io.jtractor.sc.Cancelled} is
 *     how it surfaces.
 * <li>{@link io.jtractor.sc.Channel}: bounded, rendezvous and unbounded in-memory channels with
 *     cloneable {@link io.jtractor.sc.SendChannel send} and
 *     {@link io.jtractor.sc.ReceiveChannel receive} ends.
 * <li>{@link io.jtractor.sc.BroadcastReceiver}: one receive channel fanned out to many
 *     subscribers.
 * <li>{@link io.jtractor.sc.ResourceCache}: keyed resources shared by the tasks of a process.
 * <li>{@link io.jtractor.sc.Gather}: several resources entered and exited concurrently.
 * </ul>
 *
 * <p>Every blocking operation here is a cancellation point: it raises
 * {@link io.jtractor.sc.Cancelled} when the calling task's scope is cancelled, before or while it
 * waits. Every type is safe to use from any thread unless its documentation names an owner
 * thread (nurseries, cancel scopes opened with try-with-resources, gathers).
 */
package io.jtractor.sc;
