package io.jtractor.runtime;

import java.util.concurrent.CountDownLatch;

/**
 * Classes that fail when a child actor loads them to expose them (SPEC A4). Tests name them
 * by string only, so that the test JVM never initialises them.
 */
final class BootFailures {

    static final String THROWS = BootFailures.class.getName() + "$ThrowsOnLoad";
    static final String HALTS = BootFailures.class.getName() + "$HaltsOnLoad";
    static final String HANGS = BootFailures.class.getName() + "$HangsOnLoad";

    private BootFailures() {
    }

    /** Its static initialiser throws: the child reports the error and exits 3. */
    public static final class ThrowsOnLoad {
        static {
            if (Boolean.parseBoolean("true")) {
                throw new IllegalStateException("ThrowsOnLoad refuses to load");
            }
        }

        private ThrowsOnLoad() {
        }
    }

    /** Its static initialiser crashes the JVM with exit code 7, reporting nothing. */
    public static final class HaltsOnLoad {
        static {
            System.err.println("HaltsOnLoad: crashing the JVM on purpose");
            Runtime.getRuntime().halt(7);
        }

        private HaltsOnLoad() {
        }
    }

    /** Its static initialiser never ends: the child never becomes ready. */
    public static final class HangsOnLoad {
        static {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private HangsOnLoad() {
        }
    }
}
