package io.jtractor.internal.ipc;

import java.util.List;
import java.util.Objects;

/**
 * A TCP address.
 *
 * @param host a host name or IP address literal, never empty
 * @param port 0 to 65535; 0 asks a listener for any free port
 */
public record TcpAddr(String host, int port) implements Addr {

    /** Checks the host is present and the port in range. */
    public TcpAddr {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port must be 0 to 65535, found " + port);
        }
    }

    /**
     * Parses {@code host:port}; an IPv6 host is written in brackets, {@code [::1]:1616}.
     *
     * @throws IllegalArgumentException if the text has no port or the port is not a number
     *     from 0 to 65535
     */
    public static TcpAddr parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected host:port, found \"" + text + "\"");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new TcpAddr(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "expected a numeric port in host:port, found \"" + text + "\"", e);
        }
    }

    @Override
    public List<Object> toWire() {
        return List.of(host, port);
    }

    /** Returns {@code host:port}, with an IPv6 host in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
