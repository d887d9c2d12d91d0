package io.jtractor.examples.seeds;

import io.jtractor.Context;
import io.jtractor.MsgStream;
import io.jtractor.sc.Channel;
import io.jtractor.sc.Nursery;
import io.jtractor.sc.ReceiveChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A live broker daemon for a (fake) Kraken account: with an API key it reports the account's
 * positions and relays the exchange's own-trade events as fills; without one it falls back to
 * paper trading.
 */
public final class KrakenTrades {

    /** The environment variable the API key is read from (the user's config, in reality). */
    public static final String API_KEY_VARIABLE = "JTRACTOR_FAKE_KRAKEN_API_KEY";

    /** The account the authenticated dialog trades in. */
    public static final String ACCOUNT = "kraken.spot";

    /** Own-trade subscriptions of the fake exchange that are open now. */
    private static final AtomicInteger ownTradeSubscriptions = new AtomicInteger();

    private KrakenTrades() {
    }

    /**
     * One trade of the account.
     *
     * @param reqid the exchange's order id
     * @param symbol the instrument
     * @param action {@code buy} or {@code sell}
     * @param size the quantity traded
     * @param price the price traded at
     */
    public record Trade(String reqid, String symbol, String action, double size, double price) {
    }

    /**
     * Seed #25: without an API key, reports no positions and the {@code paper} account and runs
     * a paper engine. With one, reports the positions packed from the account's trade history
     * and the account {@value #ACCOUNT}, then submits the client's orders to the exchange in one
     * task while another relays each own-trade event as a {@code filled} status and a fill.
     *
     * @throws IllegalStateException if the exchange refuses a websocket token
     */
    public static void tradesDialogue(Context ctx) {
        var key = System.getenv(API_KEY_VARIABLE);
        if (key == null || key.isEmpty()) {
            ctx.started(List.of(Map.of(), List.of("paper")));
            PaperTrading.runPaperEngine(ctx, "kraken", new FakeQuotes("xbtusd.kraken"));
            return;
        }
        var exchange = new FakeExchange();
        ctx.started(List.of(packPositions(ACCOUNT, exchange.tradeHistory()), List.of(ACCOUNT)));
        var token = exchange.getWebSocketsToken();
        if (!token.error().isEmpty()) {
            throw new IllegalStateException("the exchange refused a websocket token: "
                    + token.error());
        }
        try (var ems = ctx.openStream(Brokerd.Order.class)) {
            Nursery.run(tasks -> {
                tasks.startSoon("handle-order-requests",
                        () -> OrderDesk.handleOrderRequests(exchange.desk(ems), ems));
                relayOwnTrades(exchange, token.token(), ems);
                return null;
            });
        }
    }

    private static void relayOwnTrades(FakeExchange exchange, String token, MsgStream<?> ems) {
        ownTradeSubscriptions.incrementAndGet();
        try {
            for (var trades : exchange.ownTrades(token)) {
                for (var trade : trades) {
                    ems.send(Brokerd.Status.of(trade.reqid(), ACCOUNT, "filled", trade.size(), 0,
                            "Order filled by kraken"));
                    ems.send(Brokerd.Fill.of(trade.reqid(), trade.action(), trade.size(),
                            trade.price()));
                }
            }
        } finally {
            ownTradeSubscriptions.decrementAndGet();
        }
    }

    /** Folds a trade history into one position per symbol, in order of first appearance. */
    static List<Brokerd.Position> packPositions(String account, List<Trade> trades) {
        var positions = new LinkedHashMap<String, Brokerd.Position>();
        for (var trade : trades) {
            var before = positions.getOrDefault(trade.symbol(),
                    Brokerd.Position.of(account, trade.symbol(), 0, 0));
            double delta = trade.action().equals("buy") ? trade.size() : -trade.size();
            double size = before.size() + delta;
            double average = delta > 0
                    ? (before.averagePrice() * before.size() + trade.price() * delta) / size
                    : before.averagePrice();
            positions.put(trade.symbol(), Brokerd.Position.of(account, trade.symbol(), size,
                    average));
        }
        return new ArrayList<>(positions.values());
    }

    /** Seed #25: how many own-trade subscriptions are open in this actor. */
    public static int ownTradeSubscriptions() {
        return ownTradeSubscriptions.get();
    }

    /** The exchange's answer to a token request: errors, or a token. */
    private record TokenResponse(List<String> error, String token) {
    }

    /**
     * The fake exchange: a fixed trade history, and orders executed in full at their limit
     * price as soon as they arrive, each reported as an own-trade event.
     */
    private static final class FakeExchange {

        private final Channel<List<Trade>> ownTrades = Channel.unbounded();
        private final AtomicLong nextReqid = new AtomicLong();

        List<Trade> tradeHistory() {
            return List.of(
                    new Trade("OH-1", "XBTUSD", "buy", 0.5, 30_000),
                    new Trade("OH-2", "XBTUSD", "buy", 0.5, 32_000),
                    new Trade("OH-3", "ETHUSD", "buy", 2, 2_000),
                    new Trade("OH-4", "ETHUSD", "sell", 1, 2_100));
        }

        TokenResponse getWebSocketsToken() {
            return new TokenResponse(List.of(), "fake-token-" + System.nanoTime());
        }

        ReceiveChannel<List<Trade>> ownTrades(String token) {
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("own-trade events need a websocket token");
            }
            return ownTrades.receiver();
        }

        OrderDesk desk(MsgStream<?> ems) {
            return new OrderDesk() {
                @Override
                public void submit(Brokerd.Order order) {
                    var reqid = "O-" + nextReqid.incrementAndGet();
                    ems.send(Brokerd.OrderAck.of(order.oid(), reqid, ACCOUNT));
                    ownTrades.sender().send(List.of(new Trade(reqid, order.symbol(),
                            order.action(), order.size(), order.price())));
                }

                @Override
                public void cancel(Brokerd.Order order) {
                    ems.send(Brokerd.OrderError.of(order.oid(), "order " + order.oid()
                            + " is already filled: the exchange fills on arrival"));
                }
            };
        }
    }
}
