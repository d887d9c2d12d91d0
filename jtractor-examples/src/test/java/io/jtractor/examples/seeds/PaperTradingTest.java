package io.jtractor.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtractor.ActorNursery;
import io.jtractor.ContextCancelled;
import io.jtractor.SpawnOptions;
import io.jtractor.examples.seeds.Brokerd.Order;
import io.jtractor.testing.NoZombies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed #18: the paper-trading order dialog with a broker daemon in a real child. */
@ExtendWith(NoZombies.class)
@Timeout(60)
class PaperTradingTest {

    @Test
    void limitOrdersAreAckedThenFilledWhenCrossedAndOpenOnesCancel() {
        try (var actors = ActorNursery.open()) {
            var brokerd = actors.startActor("paperboi", SpawnOptions.exposing(PaperTrading.class));

            try (var ctx = brokerd.openContext(PaperTrading::tradesDialogue, "binance",
                    "btcusdt.binance")) {
                assertThat(ctx.first()).isEqualTo(List.of(Map.of(), List.of("paper")));
                try (var ems = ctx.openStream()) {
                    var dialog = new OrderDialog(ems);
                    ems.send(Order.buy("b1", "btcusdt", FakeQuotes.LOW + 2, 2));
                    ems.send(Order.sell("s1", "btcusdt", FakeQuotes.HIGH - 1, 1));
                    ems.send(Order.buy("b2", "btcusdt", FakeQuotes.LOW - 45, 1));
                    ems.send(Order.cancel("b2"));
                    ems.send(Order.cancel("never-sent"));
                    dialog.receiveUntil(d -> d.isFilled("b1") && d.isFilled("s1")
                            && d.find("status", "b2", "canceled") != null
                            && !d.named("error").isEmpty()
                            && d.named("position").size() == 2);

                    assertThat(dialog.named("ack")).hasSize(3);
                    List.of("b1", "s1", "b2").forEach(dialog::expectAckedFirst);
                    assertThat(OrderDialog.number(dialog.fill("b1"), "price"))
                            .isLessThanOrEqualTo(FakeQuotes.LOW + 2);
                    assertThat(OrderDialog.number(dialog.fill("s1"), "price"))
                            .isGreaterThanOrEqualTo(FakeQuotes.HIGH - 1);
                    assertThat(dialog.find("status", "b2", "filled")).isNull();
                    assertThat(dialog.named("error").get(0).get("oid")).isEqualTo("never-sent");
                    var position = dialog.named("position").get(1);
                    assertThat(position.get("account")).isEqualTo("paper.binance");
                    assertThat(OrderDialog.number(position, "size")).isEqualTo(1.0);
                }
                ctx.cancel();
                assertThat(ctx.result()).isInstanceOf(ContextCancelled.class);
            }
        }
    }
}
