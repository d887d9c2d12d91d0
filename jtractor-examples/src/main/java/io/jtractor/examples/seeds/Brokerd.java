package io.jtractor.examples.seeds;

/**
 * The order dialog between an order client (the parent, an execution manager) and a broker
 * daemon: the client sends {@link Order}s; the broker answers with the other records, each
 * tagged by its {@code name} so that a client reading untyped maps can tell them apart.
 */
public final class Brokerd {

    private Brokerd() {
    }

    /**
     * A request from the client.
     *
     * @param action {@code buy}, {@code sell} or {@code cancel}
     * @param oid the client's order id
     * @param symbol the instrument; unused for cancels
     * @param price the limit price; unused for cancels
     * @param size the quantity; unused for cancels
     */
    public record Order(String action, String oid, String symbol, double price, double size) {

        /** A limit buy. */
        public static Order buy(String oid, String symbol, double price, double size) {
            return new Order("buy", oid, symbol, price, size);
        }

        /** A limit sell. */
        public static Order sell(String oid, String symbol, double price, double size) {
            return new Order("sell", oid, symbol, price, size);
        }

        /** A request to cancel the open order {@code oid}. */
        public static Order cancel(String oid) {
            return new Order("cancel", oid, null, 0, 0);
        }
    }

    /** The broker accepted order {@code oid} under its own request id {@code reqid}. */
    public record OrderAck(String name, String oid, String reqid, String account) {

        static OrderAck of(String oid, String reqid, String account) {
            return new OrderAck("ack", oid, reqid, account);
        }
    }

    /**
     * An order's state changed.
     *
     * @param status {@code submitted}, {@code filled} or {@code canceled}
     */
    public record Status(String name, String reqid, String account, String status, double filled,
            double remaining, String reason) {

        static Status of(String reqid, String account, String status, double filled,
                double remaining, String reason) {
            return new Status("status", reqid, account, status, filled, remaining, reason);
        }
    }

    /** Part or all of an order was executed. */
    public record Fill(String name, String reqid, String action, double size, double price,
            long timeNanos) {

        static Fill of(String reqid, String action, double size, double price) {
            return new Fill("fill", reqid, action, size, price, System.nanoTime());
        }
    }

    /** The account's position in {@code symbol} after a fill. */
    public record Position(String name, String account, String symbol, double size,
            double averagePrice) {

        static Position of(String account, String symbol, double size, double averagePrice) {
            return new Position("position", account, symbol, size, averagePrice);
        }
    }

    /** A request the broker could not carry out. */
    public record OrderError(String name, String oid, String reason) {

        static OrderError of(String oid, String reason) {
            return new OrderError("error", oid, reason);
        }
    }
}
