package io.jtractor.bench.workloads;

import io.jtractor.bench.raw.BareChild;
import io.jtractor.bench.raw.RawFrames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Bare JVMs that connect back ({@link BareChild}): the baseline for spawning, idle memory and
 * teardown. {@link #start} returns once every child has connected and said hello;
 * {@link #close} hangs up on them and waits until they have exited.
 */
final class BareChildren implements AutoCloseable {

    private static final Duration READY_BOUND = Duration.ofSeconds(60);
    private static final Duration EXIT_BOUND = Duration.ofSeconds(10);

    private final List<Process> processes;
    private final List<Socket> sockets;
    private final List<Long> pids;

    private BareChildren(List<Process> processes, List<Socket> sockets, List<Long> pids) {
        this.processes = processes;
        this.sockets = sockets;
        this.pids = pids;
    }

    /**
     * Starts {@code count} bare children at once, each the top of a chain {@code depth} JVMs
     * deep, and waits until every one has connected back and sent its hello.
     */
    static BareChildren start(int count, int depth, List<String> jvmOptions) {
        var processes = new ArrayList<Process>();
        var sockets = new ArrayList<Socket>();
        var pids = new ArrayList<Long>();
        try (var server = new ServerSocket(0, count, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) READY_BOUND.toMillis());
            var args = List.of(server.getInetAddress().getHostAddress(),
                    Integer.toString(server.getLocalPort()), Integer.toString(depth));
            for (int i = 0; i < count; i++) {
                processes.add(Jvms.start(jvmOptions, BareChild.class, args));
            }
            for (int i = 0; i < count; i++) {
                var socket = server.accept();
                sockets.add(socket);
                socket.setTcpNoDelay(true);
                readHello(socket, pids);
            }
            return new BareChildren(processes, sockets, pids);
        } catch (IOException e) {
            new BareChildren(processes, sockets, pids).close();
            throw new UncheckedIOException("bare children did not all connect back within "
                    + READY_BOUND.toSeconds() + " s: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            new BareChildren(processes, sockets, pids).close();
            throw e;
        }
    }

    private static void readHello(Socket socket, List<Long> pids) throws IOException {
        var reader = new RawFrames.Reader(socket.getInputStream());
        int length = reader.next();
        if (length < 8) {
            throw new IOException("a bare child sent a hello of " + length + " bytes");
        }
        for (int off = 0; off + 8 <= length; off += 8) {
            pids.add(RawFrames.getLongLe(reader.body(), off));
        }
    }

    /** The pids of every process started, the chains below the children included. */
    List<Long> pids() {
        return List.copyOf(pids);
    }

    /** The pids of the children this process started itself. */
    List<Long> childPids() {
        return processes.stream().map(Process::pid).toList();
    }

    /** Hangs up on every child and waits until each has exited (killing it after 10 s). */
    @Override
    public void close() {
        for (var socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // Best effort: the process is waited for, or killed, below.
            }
        }
        for (var process : processes) {
            Jvms.awaitExitOrKill(process, EXIT_BOUND);
        }
    }
}
