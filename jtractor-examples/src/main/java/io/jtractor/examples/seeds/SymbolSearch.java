package io.jtractor.examples.seeds;

import io.jtractor.Context;
import io.jtractor.sc.Resource;
import io.jtractor.sc.ResourceCache;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Symbol search daemons: each loads a broker's symbol table through a client shared by every
 * search of the actor, then answers each search pattern with the best fuzzy matches.
 */
public final class SymbolSearch {

    /** Matches scoring below this are dropped. */
    public static final int SCORE_CUTOFF = 50;

    /** At most this many matches are returned per pattern. */
    public static final int MATCH_LIMIT = 5;

    private static final Map<String, AtomicInteger> clientsCreated = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> clientsOpen = new ConcurrentHashMap<>();

    private SymbolSearch() {
    }

    /**
     * A tradable pair.
     *
     * @param symbol the broker's own name for it
     * @param altname the alternative name users search by
     * @param base the asset bought
     * @param quote the asset paid with
     */
    public record SymbolInfo(String symbol, String altname, String base, String quote) {
    }

    /**
     * Seed #21: loads Binance's symbols through the shared client, reports readiness, then
     * answers each pattern with the best matches keyed by symbol.
     */
    public static void binanceSymbolSearch(Context ctx) {
        try (var client = openCachedClient("binance")) {
            var cache = client.value().cacheSymbols(SymbolInfo::symbol);
            ctx.started();
            serveSearches(ctx, cache);
        }
    }

    /**
     * Seed #23: loads Kraken's symbols through the shared client, reports them (keyed by
     * altname) as the first value, then answers each pattern with the best matches.
     */
    public static void krakenSymbolSearch(Context ctx) {
        try (var client = openCachedClient("kraken")) {
            var cache = client.value().cacheSymbols(SymbolInfo::altname);
            ctx.started(cache);
            serveSearches(ctx, cache);
        }
    }

    private static void serveSearches(Context ctx, Map<String, SymbolInfo> cache) {
        try (var stream = ctx.openStream(String.class)) {
            for (String pattern : stream) {
                stream.send(Fuzzy.bestMatches(pattern, cache, SCORE_CUTOFF, MATCH_LIMIT));
            }
        }
    }

    /** Seed #21, #23: how many clients for {@code broker} this actor has created. */
    public static int clientsCreated(String broker) {
        return counter(clientsCreated, broker).get();
    }

    /** Seed #21, #23: how many clients for {@code broker} are open now. */
    public static int clientsOpen(String broker) {
        return counter(clientsOpen, broker).get();
    }

    private static AtomicInteger counter(Map<String, AtomicInteger> counters, String broker) {
        return counters.computeIfAbsent(broker, b -> new AtomicInteger());
    }

    private static ResourceCache.Lease<ExchangeClient> openCachedClient(String broker) {
        return ResourceCache.shared().open("symbol-search-client:" + broker, key -> {
            counter(clientsCreated, broker).incrementAndGet();
            counter(clientsOpen, broker).incrementAndGet();
            return Resource.of(new ExchangeClient(broker),
                    () -> counter(clientsOpen, broker).decrementAndGet());
        });
    }

    /** A fake exchange API client with a fixed symbol table per broker. */
    private record ExchangeClient(String broker) {

        Map<String, SymbolInfo> cacheSymbols(Function<SymbolInfo, String> keyOf) {
            return symbols().collect(Collectors.toMap(keyOf, info -> info));
        }

        private Stream<SymbolInfo> symbols() {
            return switch (broker) {
                case "binance" -> Stream.of(
                        new SymbolInfo("BTCUSDT", "BTCUSDT", "BTC", "USDT"),
                        new SymbolInfo("ETHUSDT", "ETHUSDT", "ETH", "USDT"),
                        new SymbolInfo("ETHBTC", "ETHBTC", "ETH", "BTC"),
                        new SymbolInfo("BNBUSDT", "BNBUSDT", "BNB", "USDT"),
                        new SymbolInfo("SOLUSDT", "SOLUSDT", "SOL", "USDT"),
                        new SymbolInfo("XRPUSDT", "XRPUSDT", "XRP", "USDT"),
                        new SymbolInfo("DOGEUSDT", "DOGEUSDT", "DOGE", "USDT"));
                case "kraken" -> Stream.of(
                        new SymbolInfo("XXBTZUSD", "XBTUSD", "XXBT", "ZUSD"),
                        new SymbolInfo("XXBTZEUR", "XBTEUR", "XXBT", "ZEUR"),
                        new SymbolInfo("XETHZUSD", "ETHUSD", "XETH", "ZUSD"),
                        new SymbolInfo("XETHXXBT", "ETHXBT", "XETH", "XXBT"),
                        new SymbolInfo("SOLUSD", "SOLUSD", "SOL", "ZUSD"),
                        new SymbolInfo("ADAEUR", "ADAEUR", "ADA", "ZEUR"));
                default -> throw new IllegalArgumentException("no fake client for broker \""
                        + broker + "\"; there are binance and kraken");
            };
        }
    }
}
