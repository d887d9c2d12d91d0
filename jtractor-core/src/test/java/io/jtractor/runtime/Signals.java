package io.jtractor.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Signal facts about processes, from Linux's /proc. */
final class Signals {

    private static final long SIGINT_BIT = 1L << (2 - 1);

    private Signals() {
    }

    /** Whether process {@code pid} ignores SIGINT (its SigIgn mask has bit 2 set). */
    static boolean ignoresSigint(long pid) throws IOException {
        for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & SIGINT_BIT) != 0;
            }
        }
        throw new IOException("no SigIgn line in /proc/" + pid + "/status");
    }

    /** Sends SIGINT to {@code pid} with kill(1). */
    static void interrupt(long pid) throws IOException, InterruptedException {
        var kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -INT " + pid + " exited with " + kill.exitValue());
        }
    }
}
