package io.jtractor;

import io.jtractor.internal.runtime.ActorRuntime;

/** Facts about the actor this code runs in. */
public final class Actor {

    private Actor() {
    }

    /**
     * The id of the actor running in this process.
     *
     * @throws NoRuntime if this process runs no actor
     */
    public static ActorId id() {
        return ActorRuntime.require("Actor.id()").id();
    }

    /** The name of the actor running in this process. */
    public static String name() {
        return id().name();
    }

    /** Whether this process runs an actor. */
    public static boolean isRunning() {
        return ActorRuntime.current() != null;
    }

    /** Whether the actor in this process is the root of its tree. */
    public static boolean isRoot() {
        return ActorRuntime.require("Actor.isRoot()").isRoot();
    }
}
