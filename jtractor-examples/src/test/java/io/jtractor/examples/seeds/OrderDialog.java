package io.jtractor.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtractor.MsgStream;
import io.jtractor.sc.CancelScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The client side of a broker daemon's order dialog, as the tests read it: every message the
 * broker sent, as untyped maps, with look-ups by kind, order id and request id.
 */
final class OrderDialog {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final MsgStream<Object> ems;
    private final List<Map<?, ?>> received = new ArrayList<>();

    OrderDialog(MsgStream<Object> ems) {
        this.ems = ems;
    }

    /** Receives until {@code done} holds for this dialog; fails after 10 s. */
    void receiveUntil(Predicate<OrderDialog> done) {
        CancelScope.failAfter(BOUND, scope -> {
            while (!done.test(this)) {
                received.add((Map<?, ?>) ems.receive());
            }
            return null;
        });
    }

    /** Every message received, in order. */
    List<Map<?, ?>> received() {
        return received;
    }

    /** The messages named {@code name} ({@code ack}, {@code status}, ...), in order. */
    List<Map<?, ?>> named(String name) {
        return received.stream().filter(msg -> name.equals(msg.get("name"))).toList();
    }

    /** The broker's request id for the client's order {@code oid}, or null before its ack. */
    String reqid(String oid) {
        return named("ack").stream()
                .filter(ack -> oid.equals(ack.get("oid")))
                .map(ack -> (String) ack.get("reqid"))
                .findFirst()
                .orElse(null);
    }

    /** The message named {@code name} for order {@code oid} with the given status, or null. */
    Map<?, ?> find(String name, String oid, String status) {
        var reqid = reqid(oid);
        return received.stream()
                .filter(msg -> name.equals(msg.get("name")))
                .filter(msg -> reqid != null && reqid.equals(msg.get("reqid")))
                .filter(msg -> status == null || status.equals(msg.get("status")))
                .findFirst()
                .orElse(null);
    }

    /** Whether order {@code oid} was filled: both its filled status and its fill arrived. */
    boolean isFilled(String oid) {
        return find("status", oid, "filled") != null && find("fill", oid, null) != null;
    }

    /** The fill of order {@code oid}. */
    Map<?, ?> fill(String oid) {
        return Objects.requireNonNull(find("fill", oid, null), "no fill for " + oid);
    }

    /** Checks that order {@code oid}'s ack came before every other message about it. */
    void expectAckedFirst(String oid) {
        var reqid = reqid(oid);
        int ack = received.indexOf(named("ack").stream()
                .filter(msg -> oid.equals(msg.get("oid"))).findFirst().orElseThrow());
        for (int i = 0; i < received.size(); i++) {
            if (reqid.equals(received.get(i).get("reqid")) && i != ack) {
                assertThat(i).as("message about %s before its ack", oid).isGreaterThan(ack);
            }
        }
    }

    static double number(Map<?, ?> msg, String key) {
        return ((Number) msg.get(key)).doubleValue();
    }
}
