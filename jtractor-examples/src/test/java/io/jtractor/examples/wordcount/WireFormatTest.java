package io.jtractor.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jtractor.internal.msg.Payloads;
import java.io.IOException;
import java.util.List;
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
    void workRangesAndAnswersTravelAsListsOfIntegers() {
        var range = new FileRange(64, 128);
        var done = new FileRange.Done(64, 12_345);

        assertThat(range.toMessage()).isEqualTo(List.of(64, 128));
        assertThat(done.toMessage()).isEqualTo(List.of(64L, 12_345L));
        assertThat(FileRange.fromMessage(throughRuntime(range.toMessage()))).isEqualTo(range);
        assertThat(FileRange.Done.fromMessage(throughRuntime(done.toMessage()))).isEqualTo(done);
    }

    @Test
    void workerTotalsTravelAsAPlainListWithTheirIdentifierMap() {
        var totals = new WorkerTotals(2, 10, 20, 300, Map.of("a", 5L, "b", 1L));

        assertThat(totals.toMessage())
                .isEqualTo(List.of(2L, 10L, 20L, 300L, Map.of("a", 5L, "b", 1L)));
        assertThat(WorkerTotals.fromMessage(throughRuntime(totals.toMessage())))
                .isEqualTo(totals);
    }

    @Test
    void malformedMessagesAreRefusedWithWhatWasFound() {
        assertThatThrownBy(() -> FileRange.fromMessage(List.of(1L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("list of 2 integers").hasMessageContaining("[1]");
        assertThatThrownBy(() -> FileRange.fromMessage(List.of(5L, 2L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad file range [5, 2)");
        assertThatThrownBy(() -> FileRange.Done.fromMessage(List.of("x", 2L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("String x");
        assertThatThrownBy(() -> WorkerTotals.fromMessage(
                List.of(1L, 2L, 3L, 4L, Map.of("a", "many"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("String a -> String many");
        assertThatThrownBy(() -> WorkerTotals.fromMessage(List.of(1L, 2L, 3L, 4L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("four integers and a map");
    }

    /** What the receiver of {@code message} gets: the runtime's own encoding and decoding. */
    private static Object throughRuntime(Object message) {
        return Payloads.decode(Payloads.encode(message), Object.class);
    }
}
