package io.jtractor.examples.seeds;

import io.jtractor.MsgStream;

/**
 * Where a broker daemon's order requests go: a paper engine or a (fake) exchange client. A desk
 * answers on the client's stream itself, so that it can order its acknowledgements before the
 * fills they lead to.
 */
interface OrderDesk {

    /** Accepts a buy or sell: acknowledges it, then works it. */
    void submit(Brokerd.Order order);

    /** Cancels an open order, or reports why it cannot. */
    void cancel(Brokerd.Order order);

    /**
     * Dispatches each request the client sends on {@code ems} to {@code desk}, until the client
     * closes its side.
     *
     * @throws IllegalArgumentException for an action other than buy, sell and cancel
     */
    static void handleOrderRequests(OrderDesk desk, MsgStream<Brokerd.Order> ems) {
        for (var order : ems) {
            switch (order.action()) {
                case "buy", "sell" -> desk.submit(order);
                case "cancel" -> desk.cancel(order);
                default -> throw new IllegalArgumentException("unknown order action \""
                        + order.action() + "\" in " + order);
            }
        }
    }
}
