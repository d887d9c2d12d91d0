/**
 * Discovery (SPEC section 8): the registrar, actors registering with it, and lookups by name.
 *
 * <p>One actor of a machine (by default the first root to start) is the <em>registrar</em>: it
 * listens on the registry address ({@code 127.0.0.1:1616} unless configured) and keeps the
 * {@link io.jtractor.internal.discovery.Registry} of which actor listens where. A starting root
 * probes the registry address with an {@code Aid} whose {@code is_probe} is true
 * ({@link io.jtractor.internal.discovery.Probe}); if nothing listens there, it binds that
 * address and becomes the registrar ({@link io.jtractor.internal.discovery.Roots}). Every other
 * actor, children included (they learn the address from their {@code SpawnSpec}), registers
 * once it is ready and unregisters when it ends, over a connection it keeps open so that it
 * notices the registrar's death and registers again when one is back
 * ({@link io.jtractor.internal.discovery.RegistrationKeeper}).
 *
 * <p>The registrar's methods live in the reserved namespace {@code self} and keep the
 * reference system's wire shapes ({@link io.jtractor.internal.discovery.RegistrarService}).
 * Lookups check that the actor they report still answers and drop it from the registry when it
 * does not (SPEC D4).
 */
package io.jtractor.internal.discovery;
