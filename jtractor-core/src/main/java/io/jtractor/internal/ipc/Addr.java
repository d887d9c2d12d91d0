package io.jtractor.internal.ipc;

import java.util.List;

/**
 * Where an actor listens: a TCP host and port, or a Unix domain socket file.
 *
 * <p>On the wire an address is the 2-element array {@code [host, port]} or {@code [dir, file]}.
 */
public sealed interface Addr permits TcpAddr, UdsAddr {

    /** Returns the wire form, {@code [host, port]} or {@code [dir, file]}. */
    List<Object> toWire();

    /**
     * Returns the address a wire form names: {@code [str, int]} is TCP, {@code [str, str]} UDS.
     *
     * @throws IllegalArgumentException if {@code wire} is neither
     */
    static Addr fromWire(Object wire) {
        if (wire instanceof List<?> list && list.size() == 2 && list.get(0) instanceof String s) {
            if (list.get(1) instanceof Number n) {
                return new TcpAddr(s, Math.toIntExact(n.longValue()));
            }
            if (list.get(1) instanceof String file) {
                return new UdsAddr(s, file);
            }
        }
        throw new IllegalArgumentException(
                "expected an address [host, port] or [dir, file], found " + wire);
    }

    /**
     * Parses the text form: an absolute path {@code /dir/file} is UDS, anything else is TCP
     * {@code host:port} (an IPv6 host in brackets, {@code [::1]:1616}).
     *
     * @throws IllegalArgumentException if the text is neither
     */
    static Addr parse(String text) {
        return text.startsWith("/") ? UdsAddr.parse(text) : TcpAddr.parse(text);
    }
}
