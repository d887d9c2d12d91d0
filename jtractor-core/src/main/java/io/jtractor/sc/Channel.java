package io.jtractor.sc;

/**
 * An in-memory channel between tasks: a {@link SendChannel} and a {@link ReceiveChannel} joined by
 * a buffer.
 *
 * <pre>{@code
 * var channel = Channel.<String>open(16);
 * try (var nursery = Nursery.open()) {
 *     var tx = channel.sender();
 *     nursery.startSoon(() -> {
 *         try (tx) {
 *             for (var line : lines) tx.send(line);     // blocks while 16 values wait
 *         }                                             // closing the last sender ends the channel
 *     });
 *     for (var line : channel.receiver()) process(line); // ends at EndOfChannel
 * }
 * }</pre>
 *
 * <p>A channel of capacity 0 is a rendezvous: each send waits until a receiver takes the value.
 * Values are delivered in the order they were sent; {@code null} is not a value. Blocking
 * operations are cancellation points (see {@link CancelScope}); the {@code try} variants never
 * block.
 *
 * @param <T> the type of the values carried
 */
public final class Channel<T> {

    private final SendChannel<T> sender;
    private final ReceiveChannel<T> receiver;
    private final int capacity;
    /** The shared state, for toString(). */
    private final Object core;

    private Channel(SendChannel<T> sender, ReceiveChannel<T> receiver, int capacity, Object core) {
        this.sender = sender;
        this.receiver = receiver;
        this.capacity = capacity;
        this.core = core;
    }

    private static <T> Channel<T> of(MemoryChannel<T> core) {
        return new Channel<>(core.sender, core.receiver, core.capacity, core);
    }

    /**
     * Opens a channel that buffers at most {@code capacity} values; 0 makes it a rendezvous.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public static <T> Channel<T> open(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException(
                    "a channel's capacity is 0 (rendezvous) or more, got " + capacity);
        }
        if (capacity == 0) {
            var core = new RendezvousChannel<T>();
            return new Channel<>(core.sender, core.receiver, 0, core);
        }
        return of(new MemoryChannel<>(capacity));
    }

    /**
     * Opens a channel whose buffer grows as needed: sends never block. For hand-offs where the
     * receiver is known to keep up (or memory is the lesser worry than a blocked sender).
     */
    public static <T> Channel<T> unbounded() {
        return of(new MemoryChannel<>(MemoryChannel.UNBOUNDED));
    }

    /** The first send end of the channel; more come from {@link SendChannel#cloneSender()}. */
    public SendChannel<T> sender() {
        return sender;
    }

    /** The first receive end; more come from {@link ReceiveChannel#cloneReceiver()}. */
    public ReceiveChannel<T> receiver() {
        return receiver;
    }

    /** How many values the channel buffers: 0 for a rendezvous, MAX_VALUE when unbounded. */
    public int capacity() {
        return capacity;
    }

    @Override
    public String toString() {
        return core.toString();
    }
}
