package io.jtractor.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.examples.wordcount.Totals.IdentifierCount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TotalsTest {

    private static FileStats stats(String path, Map<String, Integer> identifiers) {
        return new FileStats(path, 10, 20, 300, identifiers);
    }

    @Test
    void emptyTotalsAreZero() {
        var totals = new Totals();

        assertThat(totals.files()).isZero();
        assertThat(totals.bytes()).isZero();
        assertThat(totals.top(20)).isEmpty();
        assertThat(totals.filesPerWorker()).isEmpty();
    }

    @Test
    void addAllOfAWorkersTallyEqualsAddingItsFilesOneByOne() {
        var files = List.of(stats("A.java", Map.of("a", 2, "b", 1)),
                stats("B.java", Map.of("a", 3, "c", 4)));
        var tally = new WorkerTotals.Tally();
        var oneByOne = new Totals();
        for (var file : files) {
            tally.add(file);
            oneByOne.add("w1", file);
        }

        var merged = new Totals();
        merged.addAll("w1", tally.totals());
        merged.addAll("w2", new WorkerTotals.Tally().totals());

        assertThat(merged.toString()).isEqualTo(oneByOne.toString());
        assertThat(merged.top(10)).isEqualTo(oneByOne.top(10));
        assertThat(merged.identifierOccurrences()).isEqualTo(10);
        assertThat(merged.filesPerWorker()).as("a worker without files is not listed")
                .isEqualTo(Map.of("w1", 2L));
    }

    @Test
    void addSumsCountsAndMergesIdentifiers() {
        var totals = new Totals();

        totals.add("w1", stats("A.java", Map.of("a", 2, "b", 1)));
        totals.add("w2", stats("B.java", Map.of("a", 3, "c", 4)));

        assertThat(totals.files()).isEqualTo(2);
        assertThat(totals.lines()).isEqualTo(20);
        assertThat(totals.words()).isEqualTo(40);
        assertThat(totals.bytes()).isEqualTo(600);
        assertThat(totals.count("a")).isEqualTo(5);
        assertThat(totals.count("c")).isEqualTo(4);
        assertThat(totals.count("never")).isZero();
        assertThat(totals.distinctIdentifiers()).isEqualTo(3);
        assertThat(totals.identifierOccurrences()).isEqualTo(10);
    }

    @Test
    void topOrdersByCountDescendingThenByName() {
        var totals = new Totals();
        totals.add("w", stats("A.java", Map.of("b", 3, "a", 3, "c", 5, "d", 1, "B", 3)));

        assertThat(totals.top(10)).containsExactly(
                new IdentifierCount("c", 5),
                new IdentifierCount("B", 3),
                new IdentifierCount("a", 3),
                new IdentifierCount("b", 3),
                new IdentifierCount("d", 1));
        assertThat(totals.top(2)).containsExactly(
                new IdentifierCount("c", 5), new IdentifierCount("B", 3));
        assertThat(totals.top(0)).isEmpty();
    }

    @Test
    void topRejectsANegativeLimit() {
        assertThatThrownBy(() -> new Totals().top(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void filesPerWorkerCountsEachWorkerAndOrdersNumbersNumerically() {
        var totals = new Totals();
        for (String worker : new String[] {"worker-10", "worker-2", "worker-2", "worker-1"}) {
            totals.add(worker, stats("X.java", Map.of()));
        }

        assertThat(totals.filesPerWorker()).containsExactly(
                Map.entry("worker-1", 1L), Map.entry("worker-2", 2L), Map.entry("worker-10", 1L));
    }

    @Test
    void filesPerWorkerIsACopy() {
        var totals = new Totals();
        totals.add("w", stats("X.java", Map.of()));

        totals.filesPerWorker().clear();

        assertThat(totals.filesPerWorker()).containsOnlyKeys("w");
    }
}
