package io.jtractor.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtractor.ActorNursery;
import io.jtractor.MsgStream;
import io.jtractor.SpawnOptions;
import io.jtractor.testing.NoZombies;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seeds #21, #23: fuzzy symbol search daemons with a cached client, in a real child. */
@ExtendWith(NoZombies.class)
@Timeout(60)
class SymbolSearchTest {

    @Test
    void concurrentSearchesShareOneCachedClientAndAnswerEachPattern() {
        try (var actors = ActorNursery.open()) {
            var search = actors.startActor("search", SpawnOptions.exposing(SymbolSearch.class));

            try (var first = search.openContext(SymbolSearch::binanceSymbolSearch);
                    var second = search.openContext(SymbolSearch::binanceSymbolSearch)) {
                assertThat(first.first()).isNull();
                assertThat(search.run(SymbolSearch::clientsCreated, "binance")).isEqualTo(1);
                assertThat(search.run(SymbolSearch::clientsOpen, "binance")).isEqualTo(1);
                try (var b = second.openStream()) {
                    try (var a = first.openStream()) {
                        assertThat(search(a, "btc")).containsOnlyKeys("BTCUSDT", "ETHBTC");
                        assertThat(search(b, "eth")).containsOnlyKeys("ETHUSDT", "ETHBTC");
                        assertThat(search(a, "zzzz")).isEmpty();
                        assertThat(search(b, "ETHBTC").keySet()).first()
                                .as("the exact match ranks first").isEqualTo("ETHBTC");
                        var info = Decoded.map(search(a, "doge").get("DOGEUSDT"));
                        assertThat(info).containsEntry("symbol", "DOGEUSDT")
                                .containsEntry("base", "DOGE");
                    }
                    first.result();
                    assertThat(search.run(SymbolSearch::clientsOpen, "binance"))
                            .as("the second search still holds the client").isEqualTo(1);
                    assertThat(search(b, "sol")).containsOnlyKeys("SOLUSDT");
                }
                second.result();
            }
            assertThat(search.run(SymbolSearch::clientsOpen, "binance"))
                    .as("the last search out tore the client down").isZero();

            try (var again = search.openContext(SymbolSearch::binanceSymbolSearch)) {
                assertThat(again.first()).isNull();
                assertThat(search.run(SymbolSearch::clientsCreated, "binance"))
                        .as("a newcomer after the teardown gets a fresh client").isEqualTo(2);
            }
        }
    }

    @Test
    void krakenSearchReportsItsSymbolTableFirst() {
        try (var actors = ActorNursery.open()) {
            var search = actors.startActor("search", SpawnOptions.exposing(SymbolSearch.class));

            try (var ctx = search.openContext(SymbolSearch::krakenSymbolSearch)) {
                var cache = Decoded.map(ctx.first());
                assertThat(cache).containsKeys("XBTUSD", "ETHUSD", "XBTEUR");
                assertThat(Decoded.map(cache.get("XBTUSD"))).containsEntry("symbol", "XXBTZUSD");
                try (var stream = ctx.openStream()) {
                    assertThat(search(stream, "xbt"))
                            .containsOnlyKeys("XBTUSD", "XBTEUR", "ETHXBT");
                    assertThat(search(stream, "usd")).containsKeys("XBTUSD", "ETHUSD", "SOLUSD");
                }
                ctx.result();
            }
        }
    }

    private static Map<String, Object> search(MsgStream<Object> stream, String pattern) {
        stream.send(pattern);
        return Decoded.map(stream.receive());
    }
}
