package io.jtractor.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.jtractor.Context;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which signatures make streaming endpoints (SPEC J6): the rule read from the return type. */
class EndpointKindRuleTest {

    public static Stream<String> stream() {
        return Stream.of();
    }

    public static IntStream ints() {
        return IntStream.of();
    }

    public static Iterator<String> iterator() {
        return List.<String>of().iterator();
    }

    public static Iterable<String> iterable() {
        return List.of();
    }

    public static List<String> list() {
        return List.of();
    }

    public static Set<String> set() {
        return Set.of();
    }

    public static Collection<String> collection() {
        return List.of();
    }

    public static ArrayDeque<String> deque() {
        return new ArrayDeque<>();
    }

    public static Map<String, Integer> map() {
        return Map.of();
    }

    public static List<String> context(Context ctx) {
        return List.of();
    }

    @Test
    void streamsIteratorsAndIterablesThatAreNoCollectionStream() throws Exception {
        for (var name : List.of("stream", "ints", "iterator", "iterable")) {
            assertThat(kindOf(name)).as(name).isEqualTo(EndpointKind.STREAMING);
        }
    }

    @Test
    void collectionsAndMapsArePlainValues() throws Exception {
        for (var name : List.of("list", "set", "collection", "deque", "map")) {
            assertThat(kindOf(name)).as(name).isEqualTo(EndpointKind.PLAIN);
        }
        assertThat(endpoint("list").resultType().getTypeName())
                .isEqualTo("java.util.List<java.lang.String>");
    }

    @Test
    void aContextParameterWinsOverTheReturnType() throws Exception {
        var method = EndpointKindRuleTest.class.getMethod("context", Context.class);
        assertThat(Endpoint.of(method).kind()).isEqualTo(EndpointKind.CONTEXT);
    }

    private static EndpointKind kindOf(String name) throws Exception {
        return endpoint(name).kind();
    }

    private static Endpoint endpoint(String name) throws Exception {
        return Endpoint.of(EndpointKindRuleTest.class.getMethod(name));
    }
}
