package io.jtractor.examples.seeds;

import io.jtractor.Context;
import io.jtractor.sc.Nursery;
import io.jtractor.sc.Tasks;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A paper-trading broker daemon: orders are cleared against a fake quote feed. */
public final class PaperTrading {

    /** The pause between two quotes of the fake feed. */
    static final Duration QUOTE_PERIOD = Duration.ofMillis(2);

    private PaperTrading() {
    }

    /**
     * Seed #18: reports no positions and the one account {@code paper}, then handles the
     * client's order requests in one task while another clears booked orders against the fake
     * quotes of {@code fqsn}, until the context is cancelled.
     */
    public static void tradesDialogue(Context ctx, String broker, String fqsn) {
        var feed = new FakeQuotes(fqsn);
        ctx.started(List.of(Map.of(), List.of("paper")));
        runPaperEngine(ctx, broker, feed);
    }

    /** Runs the order dialog of a paper engine on the context's stream until cancelled. */
    static void runPaperEngine(Context ctx, String broker, FakeQuotes feed) {
        try (var ems = ctx.openStream(Brokerd.Order.class)) {
            var engine = new PaperEngine(broker, ems);
            Nursery.run(tasks -> {
                tasks.startSoon("handle-order-requests",
                        () -> OrderDesk.handleOrderRequests(engine, ems));
                simulateFills(feed, engine);
                return null;
            });
        }
    }

    private static void simulateFills(FakeQuotes feed, PaperEngine engine) {
        while (true) {
            engine.onQuote(feed.next());
            Tasks.sleep(QUOTE_PERIOD);
        }
    }
}
