package io.jtractor.examples.seeds;

import io.jtractor.Actor;
import io.jtractor.Context;
import io.jtractor.MsgStream;
import io.jtractor.RemoteActorException;
import io.jtractor.TransportClosed;
import io.jtractor.sc.BrokenResourceException;
import io.jtractor.sc.CancelScope;
import io.jtractor.sc.Channel;
import io.jtractor.sc.ClosedResourceException;
import io.jtractor.sc.EndOfChannel;
import io.jtractor.sc.Nursery;
import io.jtractor.sc.ReceiveChannel;
import io.jtractor.sc.SendChannel;
import io.jtractor.sc.TaskStatus;
import io.jtractor.sc.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A broker daemon's data-feed bus: one persistent fake quote feed per symbol, started by the
 * first subscriber and kept for the daemon's lifetime in the service nursery of
 * {@link #openBrokerdService}, shared by every later subscriber. Each subscriber controls its
 * own quote stream with {@code "pause"} and {@code "resume"}.
 */
public final class FeedBus {

    /** The pause between two ticks of a persistent feed. */
    static final Duration TICK_PERIOD = Duration.ofMillis(2);

    /** How many quotes a throttled subscriber buffers before the newest are dropped. */
    private static final int THROTTLE_BUFFER = 1024;

    private static final Map<String, Bus> buses = new ConcurrentHashMap<>();

    private FeedBus() {
    }

    /**
     * Seed #26 (the daemon's setup): opens the service nursery of {@code broker}'s bus, in
     * which persistent feeds run, and keeps it until the context is cancelled; cancelling it
     * ends every feed of the bus.
     *
     * @throws IllegalStateException if this actor already serves a bus for {@code broker}
     */
    public static void openBrokerdService(Context ctx, String broker) {
        try (var nursery = Nursery.open("brokerd-" + broker)) {
            var bus = new Bus(broker, nursery);
            if (buses.putIfAbsent(broker, bus) != null) {
                throw new IllegalStateException("actor " + Actor.name()
                        + " already serves a feed bus for " + broker);
            }
            try {
                ctx.started();
                Tasks.sleepForever();
            } finally {
                buses.remove(broker, bus);
            }
        }
    }

    /**
     * Seed #26: subscribes the caller to the quotes of {@code symbol}, starting its persistent
     * feed if it is the first subscriber. Reports the feed's init message and first quotes, then
     * (unless {@code startStream} is false: it then only waits to be cancelled) re-sends the
     * first quotes on the stream, streams every quote, at most {@code tickThrottle} per second
     * when that is given, and obeys {@code "pause"} and {@code "resume"} from the caller.
     *
     * @throws IllegalStateException if this actor is not the brokerd of {@code brokername}, or
     *     its service has not been opened
     * @throws IllegalArgumentException for a control message other than pause and resume
     */
    public static void openFeedBus(Context ctx, String brokername, String symbol,
            Double tickThrottle, boolean startStream) {
        var bus = busFor(brokername);
        var feed = bus.feedFor(symbol);
        ctx.started(List.of(feed.initMessage(), feed.firstQuotes()));
        if (!startStream) {
            Tasks.sleepForever();
        }
        try (var stream = ctx.openStream(String.class)) {
            stream.send(Map.of(feed.fqsn(), feed.firstQuotes()));
            var throttle = tickThrottle == null ? null : Throttle.start(bus, tickThrottle, stream);
            Subscriber subscriber = throttle == null ? stream::send : throttle.input()::trySend;
            bus.subscribe(feed, subscriber);
            try {
                serveControl(stream, bus, feed, subscriber);
            } finally {
                bus.unsubscribe(feed, subscriber);
                if (throttle != null) {
                    throttle.stop();
                }
            }
        }
    }

    private static Bus busFor(String brokername) {
        var name = Actor.name();
        if (!name.contains("brokerd") || !name.contains(brokername)) {
            throw new IllegalStateException("actor " + name + " is not the brokerd of "
                    + brokername + ": its name must contain both");
        }
        var bus = buses.get(brokername);
        if (bus == null) {
            throw new IllegalStateException("no feed bus for " + brokername + " in actor " + name
                    + ": open FeedBus.openBrokerdService first");
        }
        return bus;
    }

    private static void serveControl(MsgStream<String> stream, Bus bus, Feed feed,
            Subscriber subscriber) {
        for (String msg : stream) {
            switch (msg) {
                case "pause" -> bus.unsubscribe(feed, subscriber);
                case "resume" -> bus.subscribe(feed, subscriber);
                case null, default -> throw new IllegalArgumentException(
                        "unknown feed control message \"" + msg + "\" from "
                        + stream.context().peer() + ": expected pause or resume");
            }
        }
    }

    /** Seed #26: how many feeds the bus of {@code broker} has started. */
    public static int feedsAllocated(String broker) {
        var bus = buses.get(broker);
        return bus == null ? 0 : bus.feedsAllocated();
    }

    /** Seed #26: the last tick of {@code symbol}'s feed. */
    public static long currentTick(String broker, String symbol) {
        return busFor(broker).existingFeed(symbol).tick();
    }

    /**
     * Seed #26: waits until {@code symbol}'s feed has produced tick {@code tick}; returns false
     * if it did not within 10 s.
     */
    public static boolean awaitTick(String broker, String symbol, long tick) {
        var bus = busFor(broker);
        var feed = bus.existingFeed(symbol);
        return Conditions.await(bus.lock, bus.changed, () -> feed.tick() >= tick);
    }

    /**
     * Seed #26: waits until exactly {@code count} subscribers receive {@code symbol}'s quotes;
     * returns false if that did not happen within 10 s.
     */
    public static boolean awaitSubscribers(String broker, String symbol, int count) {
        var bus = busFor(broker);
        var feed = bus.existingFeed(symbol);
        return Conditions.await(bus.lock, bus.changed,
                () -> bus.subscribers.get(feed).size() == count);
    }

    /** Where a feed pushes its quotes for one subscriber. */
    @FunctionalInterface
    private interface Subscriber {
        void push(Map<String, Quote> quote);
    }

    /**
     * A persistent feed's description.
     *
     * @param fqsn the fully qualified symbol ({@code symbol.broker})
     * @param initMessage what the broker says about the symbol
     * @param firstQuotes the first quote, under the fqsn and the broker-ambiguous symbol
     * @param state the feed's last tick
     */
    private record Feed(String fqsn, Map<String, Object> initMessage,
            Map<String, Quote> firstQuotes, TickState state) {

        long tick() {
            return state.tick;
        }
    }

    /** A feed's progress: written by its feed task, read by anyone. */
    private static final class TickState {
        volatile long tick;
    }

    /** One broker's bus: its service nursery, its feeds and their subscribers. */
    private static final class Bus {

        final String broker;
        final Nursery nursery;
        /** Held while a feed is looked up or started, so that each symbol gets one. */
        final ReentrantLock allocation = new ReentrantLock();
        /** Guards subscribers; changed is signalled on every subscription change and tick. */
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        /** Symbol to feed; written under allocation. */
        final Map<String, Feed> feeds = new ConcurrentHashMap<>();
        /** Guarded by lock. */
        final Map<Feed, List<Subscriber>> subscribers = new HashMap<>();

        Bus(String broker, Nursery nursery) {
            this.broker = broker;
            this.nursery = nursery;
        }

        int feedsAllocated() {
            return feeds.size();
        }

        Feed existingFeed(String symbol) {
            var feed = feeds.get(symbol);
            if (feed == null) {
                throw new IllegalStateException("the " + broker + " bus has no feed for "
                        + symbol);
            }
            return feed;
        }

        Feed feedFor(String symbol) {
            allocation.lock();
            try {
                var feed = feeds.get(symbol);
                if (feed == null) {
                    feed = nursery.start("feed-" + symbol, status -> runFeed(symbol, status));
                    feeds.put(symbol, feed);
                }
                return feed;
            } finally {
                allocation.unlock();
            }
        }

        /** The persistent feed task: reports the feed, then ticks until the service ends. */
        private void runFeed(String symbol, TaskStatus<Feed> status) {
            var fqsn = symbol.toLowerCase() + "." + broker;
            var quotes = new FakeQuotes(fqsn);
            var first = quotes.next();
            var state = new TickState();
            state.tick = first.tick();
            var init = Map.<String, Object>of(symbol, Map.of("fqsn", symbol.toLowerCase(),
                    "broker", broker));
            var firstQuotes = new HashMap<String, Quote>();
            firstQuotes.put(fqsn, first);
            firstQuotes.put(symbol + "." + broker, first);
            var feed = new Feed(fqsn, init, Map.copyOf(firstQuotes), state);
            setSubscribers(feed, new ArrayList<>());
            status.started(feed);
            while (true) {
                Tasks.sleep(TICK_PERIOD);
                publish(feed, quotes.next());
            }
        }

        /** Records the tick, then pushes the quote to the subscribers of that moment. */
        private void publish(Feed feed, Quote quote) {
            List<Subscriber> targets;
            lock.lock();
            try {
                feed.state().tick = quote.tick();
                targets = List.copyOf(subscribers.get(feed));
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            for (var target : targets) {
                try {
                    target.push(Map.of(feed.fqsn(), quote));
                } catch (ClosedResourceException | BrokenResourceException | RemoteActorException
                        | TransportClosed gone) {
                    unsubscribe(feed, target);
                }
            }
        }

        private void setSubscribers(Feed feed, List<Subscriber> list) {
            lock.lock();
            try {
                subscribers.put(feed, list);
            } finally {
                lock.unlock();
            }
        }

        /** Adds the subscriber unless it is subscribed already. */
        void subscribe(Feed feed, Subscriber subscriber) {
            lock.lock();
            try {
                var list = subscribers.get(feed);
                if (!list.contains(subscriber)) {
                    list.add(subscriber);
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        void unsubscribe(Feed feed, Subscriber subscriber) {
            lock.lock();
            try {
                if (subscribers.get(feed).remove(subscriber)) {
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Seed #26: how many rate limiters of throttled subscribers run in this actor. */
    public static int runningThrottles() {
        return Throttle.running.get();
    }

    /**
     * A subscriber's rate limiter: a task in the bus's service nursery that forwards the newest
     * quote at most {@code rate} times a second, dropping the ones it skips.
     */
    private record Throttle(Channel<Map<String, Quote>> channel, CancelScope scope,
            CountDownLatch ended) {

        static final AtomicInteger running = new AtomicInteger();

        static Throttle start(Bus bus, double rate, MsgStream<?> stream) {
            var channel = Channel.<Map<String, Quote>>open(THROTTLE_BUFFER);
            var period = Duration.ofNanos((long) (1e9 / rate));
            var ended = new CountDownLatch(1);
            CancelScope scope = bus.nursery.start("throttle-" + stream.context().contextId(),
                    status -> {
                        running.incrementAndGet();
                        try {
                            CancelScope.run(s -> {
                                status.started(s);
                                forward(channel.receiver(), stream, period);
                            });
                        } finally {
                            running.decrementAndGet();
                            ended.countDown();
                        }
                    });
            return new Throttle(channel, scope, ended);
        }

        SendChannel<Map<String, Quote>> input() {
            return channel.sender();
        }

        /** Stops the forwarding task and waits until it has ended. */
        void stop() {
            scope.cancel("the subscriber left");
            channel.sender().close();
            CancelScope.shielded(s -> {
                ended.await();
                return null;
            });
        }

        private static void forward(ReceiveChannel<Map<String, Quote>> quotes,
                MsgStream<?> stream, Duration period) {
            try {
                while (true) {
                    var latest = quotes.receive();
                    for (var newer = quotes.tryReceive(); newer.isPresent();
                            newer = quotes.tryReceive()) {
                        latest = newer.get();
                    }
                    stream.send(latest);
                    Tasks.sleep(period);
                }
            } catch (EndOfChannel | ClosedResourceException | RemoteActorException
                    | TransportClosed subscriberLeft) {
                // the subscriber's stream is gone: nothing left to forward to
            }
        }
    }
}
