package io.jtractor.bench.raw;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bare JVM that connects back to its parent: the baseline for spawning an actor, for its idle
 * memory and for tearing a tree of them down. Uses the JDK only.
 *
 * <p>Usage: {@code BareChild HOST PORT DEPTH}. With {@code DEPTH > 1} it first starts a
 * {@code BareChild} of its own (the same command line, {@code DEPTH - 1}) and waits for that
 * one's hello. Then it connects to {@code HOST:PORT} and sends one frame, its hello: the pids of
 * itself and of every process below it, 8 bytes each, little-endian. It then waits for the
 * parent to hang up (at most {@value #LIFETIME_MINUTES} minutes), hangs up on its own child,
 * waits for that one to exit, and exits.
 */
public final class BareChild {

    static final int LIFETIME_MINUTES = 10;

    private BareChild() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BareChild HOST PORT DEPTH");
            System.exit(2);
        }
        int depth = Integer.parseInt(args[2]);
        var pids = new ArrayList<Long>();
        pids.add(ProcessHandle.current().pid());
        Below below = depth > 1 ? Below.start(depth - 1, pids) : null;
        try (var parent = new Socket(args[0], Integer.parseInt(args[1]))) {
            parent.setTcpNoDelay(true);
            OutputStream out = parent.getOutputStream();
            out.write(RawFrames.frame(pidsBody(pids)));
            out.flush();
            awaitHangUp(parent);
        } finally {
            if (below != null) {
                below.end();
            }
        }
    }

    private static byte[] pidsBody(List<Long> pids) {
        var body = new byte[8 * pids.size()];
        for (int i = 0; i < pids.size(); i++) {
            RawFrames.putLongLe(body, 8 * i, pids.get(i));
        }
        return body;
    }

    private static void awaitHangUp(Socket parent) throws IOException {
        parent.setSoTimeout((int) TimeUnit.MINUTES.toMillis(LIFETIME_MINUTES));
        InputStream in = parent.getInputStream();
        try {
            while (in.read() >= 0) {
                // Nothing is expected from the parent: only its hang-up.
            }
        } catch (SocketTimeoutException e) {
            System.err.println("BareChild: no hang-up from the parent within "
                    + LIFETIME_MINUTES + " min; exiting");
        }
    }

    /** The child this process started, and the connection from it. */
    private record Below(Process process, ServerSocket server, Socket socket) {

        static Below start(int depth, List<Long> pids) throws IOException {
            var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            var command = new ArrayList<String>();
            command.add(ProcessHandle.current().info().command().orElseThrow());
            var own = List.of(ProcessHandle.current().info().arguments().orElseThrow());
            command.addAll(own.subList(0, own.size() - 3));
            command.add(server.getInetAddress().getHostAddress());
            command.add(Integer.toString(server.getLocalPort()));
            command.add(Integer.toString(depth));
            var process = new ProcessBuilder(command).inheritIO().start();
            server.setSoTimeout(60_000);
            var socket = server.accept();
            var reader = new RawFrames.Reader(socket.getInputStream());
            int length = reader.next();
            for (int off = 0; off + 8 <= length; off += 8) {
                pids.add(RawFrames.getLongLe(reader.body(), off));
            }
            return new Below(process, server, socket);
        }

        void end() throws IOException, InterruptedException {
            socket.close();
            server.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
