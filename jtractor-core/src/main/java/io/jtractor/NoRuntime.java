package io.jtractor;

/** An operation that needs an actor runtime in this process was called where there is none. */
public final class NoRuntime extends IllegalStateException {

    public NoRuntime(String message) {
        super(message);
    }
}
