package io.jtractor.internal.runtime;

import io.jtractor.internal.msg.Msg;

/** What kind of endpoint a method is, and the {@code functype} the callee reports for it. */
enum EndpointKind {
    /** A plain function: one {@code Return}. */
    PLAIN(Msg.StartAck.ASYNCFUNC),
    /**
     * A one-way streaming function (returns a Stream, an Iterator or an Iterable that is not a
     * Collection): Yields, Stop, Return.
     */
    STREAMING(Msg.StartAck.ASYNCGEN),
    /** A context function: Started, a bidirectional stream, Return. */
    CONTEXT(Msg.StartAck.CONTEXT);

    private final String functype;

    EndpointKind(String functype) {
        this.functype = functype;
    }

    String functype() {
        return functype;
    }

    static EndpointKind ofFunctype(String functype) {
        for (var kind : values()) {
            if (kind.functype.equals(functype)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown functype '" + functype + "'");
    }

    /** How the API that expects this kind is called, for error messages. */
    String api() {
        return switch (this) {
            case PLAIN -> "portal.run(...)";
            case STREAMING -> "portal.openStreamFrom(...)";
            case CONTEXT -> "portal.openContext(...)";
        };
    }
}
