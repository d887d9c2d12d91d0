package io.jtractor.examples.seeds;

import io.jtractor.MsgStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A paper-trading clearing engine: books limit orders and fills them when the quoted price
 * crosses their limit, reporting acknowledgements, fills and positions on the client's stream.
 *
 * <p>Two tasks use it: the order-request handler ({@link #submit}, {@link #cancel}) and the fill
 * simulator ({@link #onQuote}). An order is booked only after its acknowledgement was sent, so
 * no fill can overtake it; a fill and a cancel race for the booked order through one atomic
 * removal, so exactly one of them wins.
 */
final class PaperEngine implements OrderDesk {

    private final String account;
    private final MsgStream<?> ems;
    private final AtomicLong nextReqid = new AtomicLong();
    /** Open orders by oid. */
    private final Map<String, Booked> book = new ConcurrentHashMap<>();
    /** Symbol to position; written by the fill simulator only. */
    private final Map<String, Brokerd.Position> positions = new ConcurrentHashMap<>();

    private record Booked(Brokerd.Order order, String reqid) {
    }

    PaperEngine(String broker, MsgStream<?> ems) {
        this.account = "paper." + broker;
        this.ems = ems;
    }

    @Override
    public void submit(Brokerd.Order order) {
        var reqid = "paper-" + nextReqid.incrementAndGet();
        ems.send(Brokerd.OrderAck.of(order.oid(), reqid, account));
        ems.send(Brokerd.Status.of(reqid, account, "submitted", 0, order.size(), "paper"));
        book.put(order.oid(), new Booked(order, reqid));
    }

    @Override
    public void cancel(Brokerd.Order order) {
        var booked = book.remove(order.oid());
        if (booked == null) {
            ems.send(Brokerd.OrderError.of(order.oid(), "no open order " + order.oid()));
            return;
        }
        ems.send(Brokerd.Status.of(booked.reqid(), account, "canceled", 0,
                booked.order().size(), "canceled by the client"));
    }

    /** Fills every booked order whose limit the quote crosses, at the quoted price. */
    void onQuote(Quote quote) {
        for (var booked : book.values()) {
            var order = booked.order();
            boolean crossed = order.action().equals("buy") ? quote.last() <= order.price()
                    : quote.last() >= order.price();
            if (crossed && book.remove(order.oid(), booked)) {
                fill(booked, quote.last());
            }
        }
    }

    private void fill(Booked booked, double price) {
        var order = booked.order();
        ems.send(Brokerd.Status.of(booked.reqid(), account, "filled", order.size(), 0,
                "paper fill"));
        ems.send(Brokerd.Fill.of(booked.reqid(), order.action(), order.size(), price));
        ems.send(updatePosition(order, price));
    }

    private Brokerd.Position updatePosition(Brokerd.Order order, double price) {
        var before = positions.getOrDefault(order.symbol(),
                Brokerd.Position.of(account, order.symbol(), 0, 0));
        double delta = order.action().equals("buy") ? order.size() : -order.size();
        double size = before.size() + delta;
        double average = size == 0 ? 0
                : delta > 0 ? (before.averagePrice() * before.size() + price * delta) / size
                : before.averagePrice();
        var after = Brokerd.Position.of(account, order.symbol(), size, average);
        positions.put(order.symbol(), after);
        return after;
    }
}
