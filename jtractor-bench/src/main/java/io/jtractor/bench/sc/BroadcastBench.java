package io.jtractor.bench.sc;

import io.jtractor.sc.BroadcastReceiver;
import io.jtractor.sc.Channel;
import io.jtractor.sc.ReceiveChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of delivering one message to {@value #SUBSCRIBERS} consumer tasks: a channel
 * broadcast to {@value #SUBSCRIBERS} subscribers, against a producer that puts every message
 * into {@value #SUBSCRIBERS} {@link ArrayBlockingQueue}s. Per message, over {@value #MESSAGES}
 * messages per invocation. The broadcast window holds every message of an invocation, so no
 * subscriber lags and both sides deliver every message to every consumer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BroadcastBench {

    static final int MESSAGES = 5_000;
    static final int SUBSCRIBERS = 8;
    static final int CAPACITY = 64;
    private static final Object MESSAGE = new Object();

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void broadcastFanOut8() throws InterruptedException {
        var channel = Channel.<Object>open(CAPACITY);
        try (var broadcast = BroadcastReceiver.of(channel.receiver(), MESSAGES)) {
            var consumers = new ArrayList<Thread>();
            for (int s = 0; s < SUBSCRIBERS; s++) {
                ReceiveChannel<Object> subscriber = broadcast.subscribe();
                consumers.add(Thread.startVirtualThread(() -> {
                    for (int i = 0; i < MESSAGES; i++) {
                        subscriber.receive();
                    }
                }));
            }
            var tx = channel.sender();
            var producer = Thread.startVirtualThread(() -> {
                for (int i = 0; i < MESSAGES; i++) {
                    tx.send(MESSAGE);
                }
            });
            producer.join();
            joinAll(consumers);
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void arrayBlockingQueuesFanOut8() throws InterruptedException {
        List<BlockingQueue<Object>> queues = new ArrayList<>();
        var consumers = new ArrayList<Thread>();
        for (int s = 0; s < SUBSCRIBERS; s++) {
            var queue = new ArrayBlockingQueue<Object>(CAPACITY);
            queues.add(queue);
            consumers.add(Thread.startVirtualThread(() -> {
                try {
                    for (int i = 0; i < MESSAGES; i++) {
                        queue.take();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        var producer = Thread.startVirtualThread(() -> {
            try {
                for (int i = 0; i < MESSAGES; i++) {
                    for (var queue : queues) {
                        queue.put(MESSAGE);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.join();
        joinAll(consumers);
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (var thread : threads) {
            thread.join();
        }
    }
}
