package io.jtractor.examples.seeds;

import io.jtractor.sc.CancelScope;
import io.jtractor.sc.EndOfChannel;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A two-way link between a runtime task and a loop running on a platform thread that the
 * runtime does not manage (the reference runs such loops as asyncio tasks). The foreign side
 * uses plain JDK blocking queues; the runtime side's receive is a cancellation point and ends
 * with {@link EndOfChannel} once the loop has returned. Closing the link interrupts the loop and
 * waits for its thread, so the loop never outlives the task that opened it.
 *
 * <p>A stand-in until the runtime offers linked channels to foreign tasks (an issue of its own):
 * a failure of the loop surfaces at the runtime side's next receive.
 */
final class ForeignLink implements AutoCloseable {

    /** The foreign side of the link, as the loop sees it. */
    interface Side {
        /** Sends a value (null allowed) to the runtime task; never blocks. */
        void send(Object value);

        /** Waits for the next value from the runtime task. */
        Object receive() throws InterruptedException;
    }

    /** A loop run on the foreign thread. */
    @FunctionalInterface
    interface Loop {
        void run(Side side) throws Exception;
    }

    private record Item(Object value) {
    }

    private static final Item END = new Item("end of the foreign loop");
    private static final AtomicInteger running = new AtomicInteger();

    private final BlockingQueue<Item> toRuntime = new LinkedBlockingQueue<>();
    private final BlockingQueue<Item> fromRuntime = new LinkedBlockingQueue<>();
    private final Thread thread;
    /** Written by the foreign thread before it queues END; read after END was taken. */
    private volatile Throwable failure;

    private ForeignLink(String name, Loop loop) {
        running.incrementAndGet();
        thread = Thread.ofPlatform().name(name).unstarted(() -> runLoop(loop));
    }

    /** Starts {@code loop} on a new platform thread called {@code name}. */
    static ForeignLink open(String name, Loop loop) {
        var link = new ForeignLink(name, loop);
        link.thread.start();
        return link;
    }

    /** How many foreign loops of this process have not ended yet. */
    static int running() {
        return running.get();
    }

    private void runLoop(Loop loop) {
        try {
            loop.run(new Side() {
                @Override
                public void send(Object value) {
                    toRuntime.add(new Item(value));
                }

                @Override
                public Object receive() throws InterruptedException {
                    return fromRuntime.take().value();
                }
            });
        } catch (InterruptedException closedByRuntime) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        } finally {
            toRuntime.add(END);
            running.decrementAndGet();
        }
    }

    /** Sends a value (null allowed) to the foreign loop; never blocks. */
    void send(Object value) {
        fromRuntime.add(new Item(value));
    }

    /**
     * Receives the next value from the foreign loop.
     *
     * @throws EndOfChannel once the loop has returned, and on every later call
     * @throws IllegalStateException if the loop failed, with its error as the cause
     * @throws io.jtractor.sc.Cancelled if the calling task is cancelled while waiting
     */
    Object receive() {
        Item item;
        try {
            item = toRuntime.take();
        } catch (InterruptedException e) {
            throw CancelScope.interrupted(e);
        }
        if (item != END) {
            return item.value();
        }
        toRuntime.add(END);
        if (failure != null) {
            throw new IllegalStateException("the foreign loop " + thread.getName() + " failed",
                    failure);
        }
        throw new EndOfChannel("the foreign loop " + thread.getName() + " has returned");
    }

    /** Interrupts the foreign loop if it still runs and waits for its thread to end. */
    @Override
    public void close() {
        thread.interrupt();
        CancelScope.shielded(scope -> {
            thread.join();
            return null;
        });
    }
}
