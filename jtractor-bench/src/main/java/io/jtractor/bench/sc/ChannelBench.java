package io.jtractor.bench.sc;

import io.jtractor.sc.Channel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of handing one message from a producer task to a consumer task (both virtual
 * threads), measured over {@value #MESSAGES} messages per invocation: a bounded channel against
 * an {@link ArrayBlockingQueue} of the same capacity, a rendezvous channel against a
 * {@link SynchronousQueue}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChannelBench {

    static final int MESSAGES = 10_000;
    static final int CAPACITY = 64;
    private static final Object MESSAGE = new Object();

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void channelBounded() throws InterruptedException {
        handOff(Channel.open(CAPACITY));
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void arrayBlockingQueue() throws InterruptedException {
        handOff(new ArrayBlockingQueue<>(CAPACITY));
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void channelRendezvous() throws InterruptedException {
        handOff(Channel.open(0));
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void synchronousQueue() throws InterruptedException {
        handOff(new SynchronousQueue<>());
    }

    private static void handOff(Channel<Object> channel) throws InterruptedException {
        var tx = channel.sender();
        var rx = channel.receiver();
        var producer = Thread.startVirtualThread(() -> {
            for (int i = 0; i < MESSAGES; i++) {
                tx.send(MESSAGE);
            }
        });
        var consumer = Thread.startVirtualThread(() -> {
            for (int i = 0; i < MESSAGES; i++) {
                rx.receive();
            }
        });
        producer.join();
        consumer.join();
    }

    private static void handOff(BlockingQueue<Object> queue) throws InterruptedException {
        var producer = Thread.startVirtualThread(() -> {
            try {
                for (int i = 0; i < MESSAGES; i++) {
                    queue.put(MESSAGE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        var consumer = Thread.startVirtualThread(() -> {
            try {
                for (int i = 0; i < MESSAGES; i++) {
                    queue.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.join();
        consumer.join();
    }
}
