package io.jtractor.internal.msg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContextIdsTest {

    @Test
    void idsAreVersion4UuidsInTheirTextForm() {
        for (int i = 0; i < 1000; i++) {
            String id = ContextIds.random();

            var uuid = UUID.fromString(id);
            assertThat(id).hasSize(36).isEqualTo(uuid.toString());
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
        }
    }

    @Test
    void idsDoNotRepeat() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(ContextIds.random());
        }
        assertThat(seen).hasSize(100_000);
    }
}
