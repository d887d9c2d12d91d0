package io.jtractor.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtractor.ActorNursery;
import io.jtractor.SpawnOptions;
import io.jtractor.examples.seeds.Brokerd.Order;
import io.jtractor.testing.NoZombies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed #25: a live broker daemon's order dialog, with and without an API key. */
@ExtendWith(NoZombies.class)
@Timeout(60)
class KrakenTradesTest {

    @Test
    void withoutAnApiKeyTheDialogFallsBackToPaperTrading() {
        try (var actors = ActorNursery.open()) {
            var brokerd = actors.startActor("brokerd.kraken",
                    SpawnOptions.exposing(KrakenTrades.class));

            try (var ctx = brokerd.openContext(KrakenTrades::tradesDialogue)) {
                assertThat(ctx.first()).isEqualTo(List.of(Map.of(), List.of("paper")));
                try (var ems = ctx.openStream()) {
                    var dialog = new OrderDialog(ems);
                    ems.send(Order.buy("p1", "xbtusd", FakeQuotes.MID - 1, 1));
                    dialog.receiveUntil(d -> d.isFilled("p1"));
                    dialog.expectAckedFirst("p1");
                    assertThat(dialog.named("ack").get(0).get("account"))
                            .isEqualTo("paper.kraken");
                }
            }
        }
    }

    @Test
    void withAnApiKeyOrdersAreFilledFromOwnTradeEvents() {
        try (var actors = ActorNursery.open()) {
            var brokerd = actors.startActor("brokerd.kraken",
                    SpawnOptions.exposing(KrakenTrades.class)
                            .withEnvironment(KrakenTrades.API_KEY_VARIABLE, "fake-key"));

            try (var ctx = brokerd.openContext(KrakenTrades::tradesDialogue)) {
                var first = Decoded.list(ctx.first());
                assertThat(first.get(1)).isEqualTo(List.of(KrakenTrades.ACCOUNT));
                assertThat(Decoded.list(first.get(0))).containsExactly(
                        position("XBTUSD", 1.0, 31_000.0),
                        position("ETHUSD", 1.0, 2_000.0));
                try (var ems = ctx.openStream()) {
                    var dialog = new OrderDialog(ems);
                    ems.send(Order.buy("k1", "XBTUSD", 35_000, 0.1));
                    dialog.receiveUntil(d -> d.isFilled("k1"));
                    dialog.expectAckedFirst("k1");
                    var fill = dialog.fill("k1");
                    assertThat(OrderDialog.number(fill, "size")).isEqualTo(0.1);
                    assertThat(OrderDialog.number(fill, "price")).isEqualTo(35_000.0);
                    assertThat(dialog.find("status", "k1", "filled").get("account"))
                            .isEqualTo(KrakenTrades.ACCOUNT);
                    assertThat(brokerd.run(KrakenTrades::ownTradeSubscriptions)).isEqualTo(1);
                }
            }
            assertThat(brokerd.run(KrakenTrades::ownTradeSubscriptions))
                    .as("the own-trade subscription ends with the dialog").isZero();
        }
    }

    private static Map<String, Object> position(String symbol, double size, double average) {
        return Map.of("name", "position", "account", KrakenTrades.ACCOUNT, "symbol", symbol,
                "size", size, "averagePrice", average);
    }
}
