package io.jtractor.internal.runtime;

import io.jtractor.Context;

/** Test access to runtime internals that are not API (buffer high-water marks). */
public final class RuntimeProbe {

    private RuntimeProbe() {
    }

    public static int maxBufferedMessages(Context ctx) {
        return ((ContextImpl) ctx).maxBufferedMessages();
    }

    public static boolean reportedOverrun(Context ctx) {
        return ((ContextImpl) ctx).reportedOverrun();
    }
}
