package io.jtractor.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msgpack.jackson.dataformat.MessagePackFactory;

class WireFormatTest {

    private final ObjectMapper msgpack = new ObjectMapper(new MessagePackFactory());

    private <T> T roundTrip(T value, Class<T> type) throws IOException {
        return msgpack.readValue(msgpack.writeValueAsBytes(value), type);
    }

    @Test
    void sourceFileTravelsAsMsgpack() throws IOException {
        var file = new SourceFile("m/p/A.java", "class A { String é = \"\\u00e9\"; }\n");

        assertThat(roundTrip(file, SourceFile.class)).isEqualTo(file);
    }

    @Test
    void fileStatsTravelAsMsgpack() throws IOException {
        var stats = Analyzer.analyze(new SourceFile("A.java", "class A { A next; int n; }"));

        var received = roundTrip(stats, FileStats.class);

        assertThat(received).isEqualTo(stats);
        assertThat(received.identifiers()).isEqualTo(Map.of("A", 2, "next", 1, "n", 1));
    }

    @Test
    void fileStatsAreAMapOfPlainFields() throws IOException {
        var stats = new FileStats("A.java", 1, 2, 3, Map.of("x", 4));

        var tree = msgpack.readTree(msgpack.writeValueAsBytes(stats));

        assertThat(tree.isObject()).isTrue();
        assertThat(tree.fieldNames()).toIterable().containsExactlyInAnyOrder(
                "path", "lines", "words", "bytes", "identifiers");
    }

    @Test
    void workRangesAndWorkerTotalsTravelAsMsgpack() throws IOException {
        var range = new FileRange(64, 128);
        var done = new FileRange.Done(64, 12_345);
        var totals = new WorkerTotals(2, 10, 20, 300, Map.of("a", 5L, "b", 1L));

        assertThat(roundTrip(range, FileRange.class)).isEqualTo(range);
        assertThat(roundTrip(done, FileRange.Done.class)).isEqualTo(done);
        assertThat(roundTrip(totals, WorkerTotals.class)).isEqualTo(totals);
    }
}
