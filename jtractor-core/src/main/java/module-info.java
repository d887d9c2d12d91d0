/**
 * jtractor: structured concurrency across processes.
 *
 * <p>Exports the actor API ({@code io.jtractor}) and the local structured-concurrency
 * toolkit ({@code io.jtractor.sc}); everything under {@code io.jtractor.internal} is private.
 */
module io.jtractor {
    requires org.slf4j;
    requires jdk.unsupported;
    requires com.fasterxml.jackson.databind;
    requires msgpack.core;
    requires jackson.dataformat.msgpack;

    exports io.jtractor;
    exports io.jtractor.sc;
}
