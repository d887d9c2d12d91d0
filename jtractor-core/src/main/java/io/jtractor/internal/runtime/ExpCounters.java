package io.jtractor.internal.runtime;

import java.util.concurrent.atomic.LongAdder;

/** Temporary experiment counters. */
final class ExpCounters {
    static final boolean ON = Boolean.getBoolean("jtractor.exp.counters");
    static final LongAdder yieldsSent = new LongAdder();
    static final LongAdder yieldsRecv = new LongAdder();
    static final LongAdder senderStalls = new LongAdder();
    static final LongAdder consumerWaits = new LongAdder();
    static final LongAdder creditFrames = new LongAdder();
    static final LongAdder writerWakes = new LongAdder();
    static final LongAdder flushes = new LongAdder();
    static final LongAdder readerBatches = new LongAdder();
    static final LongAdder stallNanos = new LongAdder();

    static {
        if (ON) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println(
                    "@exp " + System.getProperty("jtractor.actor", "root")
                    + " yieldsSent=" + yieldsSent + " yieldsRecv=" + yieldsRecv
                    + " senderStalls=" + senderStalls + " stallUs=" + stallNanos.sum() / 1000
                    + " consumerWaits=" + consumerWaits + " creditFrames=" + creditFrames
                    + " writerWakes=" + writerWakes + " flushes=" + flushes
                    + " readerBatches=" + readerBatches)));
        }
    }

    private ExpCounters() {
    }
}
