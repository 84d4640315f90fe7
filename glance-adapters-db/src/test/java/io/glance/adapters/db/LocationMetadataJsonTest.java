package io.glance.adapters.db;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocationMetadataJsonTest {

    @Test
    void writesSortedFlatObjects() {
        assertThat(LocationMetadataJson.write(Map.of())).isEqualTo("{}");
        assertThat(LocationMetadataJson.write(Map.of("store", "file1", "backend", "b")))
                .isEqualTo("{\"backend\":\"b\",\"store\":\"file1\"}");
    }

    @Test
    void escapesRoundTrip() {
        Map<String, String> metadata = Map.of("q\"uote", "back\\slash", "ctl", "a\nb\tc\r\u0001\b\f", "u", "ünï 😀");

        String json = LocationMetadataJson.write(metadata);

        assertThat(json).doesNotContain("\n").contains("\\u0001");
        assertThat(LocationMetadataJson.read(json)).isEqualTo(metadata);
    }

    @Test
    void readsWhatOtherWritersProduce() {
        assertThat(LocationMetadataJson.read(" { \"store\" : \"file1\" , \"x\":\"\\u00e9\\/\" } "))
                .isEqualTo(Map.of("store", "file1", "x", "é/"));
    }

    @Test
    void rejectsAnythingButAFlatObjectOfStringsQuotingTheText() {
        for (String bad : new String[] {"", "[]", "{\"a\":1}", "{\"a\":\"b\"", "{\"a\":\"b\"} x", "{\"a\":{}}",
                "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}"}) {
            assertThatThrownBy(() -> LocationMetadataJson.read(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad);
        }
    }
}
