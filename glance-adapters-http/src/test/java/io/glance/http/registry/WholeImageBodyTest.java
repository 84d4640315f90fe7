package io.glance.http.registry;

import io.glance.domain.Image;
import io.glance.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry client's whole-image POST body, read without a tree, and what it refuses. */
class WholeImageBodyTest {
    private static final Instant NOW = Instant.parse("2026-12-07T13:00:00Z");
    private static final String ID = "00000000-0000-4000-8000-0000000000c1";

    @Test
    void readsTheImageAndSkipsOtherFields() {
        Image image = WholeImageBody.read(bytes("{\"other\": {\"a\": [1]}, \"image\": {\"id\": \"" + ID
                + "\", \"name\": \"n\", \"status\": \"queued\", \"properties\": {\"k\": \"v\"}}}"), NOW);
        assertThat(image.id().value()).isEqualTo(ID);
        assertThat(image.name()).isEqualTo("n");
        assertThat(image.properties()).containsEntry("k", "v");
        assertThat(image.createdAt()).isEqualTo(NOW);
    }

    @Test
    void refusesWhatIsNotOneObjectWithAnImage() {
        assertThatThrownBy(() -> WholeImageBody.read(bytes("{\"image\": {\"name\": "), NOW))
                .isInstanceOf(InvalidInputException.class).hasMessage("Malformed JSON in request body.");
        assertThatThrownBy(() -> WholeImageBody.read(bytes("{\"image\": {}} {}"), NOW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than one JSON value");
        assertThatThrownBy(() -> WholeImageBody.read(bytes("{\"images\": {}}"), NOW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("{\"image\": {...}}");
        assertThatThrownBy(() -> WholeImageBody.read(bytes("[]"), NOW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("{\"image\": {...}}");
        assertThatThrownBy(() -> WholeImageBody.read(bytes(""), NOW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("{\"image\": {...}}");
        assertThatThrownBy(() -> WholeImageBody.read(bytes("{\"image\": [1]}"), NOW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Expected an image object");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
