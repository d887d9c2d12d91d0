package io.jtractor.runtime;

import io.jtractor.Context;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Endpoints whose failures are hard to report: huge messages, unreadable errors, exits. */
public final class FailureEndpoints {

    private FailureEndpoints() {
    }

    public static int echo(int value) {
        return value;
    }

    public static Stream<Integer> count(int n) {
        return IntStream.range(0, n).boxed();
    }

    public static int failWithMessageOf(int chars) {
        throw new IllegalStateException("x".repeat(chars));
    }

    public static int failUnreadably(int ignored) {
        throw new UnreadableException();
    }

    public static int failWithSocketException(String message) throws SocketException {
        throw new SocketException(message);
    }

    public static int exit(int code) {
        System.exit(code);
        return code;
    }

    /** Reports started, then blocks reading a socket that nobody writes to. */
    public static void readSocket(Context ctx) throws IOException {
        var loopback = InetAddress.getLoopbackAddress();
        try (var server = new ServerSocket(0, 1, loopback);
                var client = new Socket(loopback, server.getLocalPort());
                var accepted = server.accept()) {
            ctx.started();
            client.getInputStream().read();
        }
    }

    /** An exception whose message and description cannot be read. */
    public static final class UnreadableException extends RuntimeException {

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage refuses");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString refuses");
        }
    }
}
