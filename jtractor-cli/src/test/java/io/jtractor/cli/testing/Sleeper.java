package io.jtractor.cli.testing;

/**
 * A process that looks like a leftover actor to {@code jtractor reap} (the test starts it with
 * {@code -Djtractor.actor=NAME}, orphaned) and sleeps until it is terminated.
 */
public final class Sleeper {

    private Sleeper() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("sleeping");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
