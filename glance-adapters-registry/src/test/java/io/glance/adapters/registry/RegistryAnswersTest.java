package io.glance.adapters.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.glance.domain.Image;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry's answers read token by token: the images in order, fields around them skipped. */
class RegistryAnswersTest {
    private static final String FIRST = "00000000-0000-4000-8000-00000000000a";
    private static final String SECOND = "00000000-0000-4000-8000-00000000000b";

    @Test
    void aListAnswerGivesItsImagesInOrderAndSkipsOtherFields() throws IOException {
        List<Image> images = RegistryAnswers.images(parser("""
                {"before": {"x": [1, {"y": 2}]}, "images": [
                  {"id": "%s", "name": "one", "status": "queued", "tags": ["a"], "properties": {"k": "v"}},
                  {"id": "%s", "name": "two", "status": "active", "locations": [{"url": "file:///z"}]}],
                 "after": "ignored"}""".formatted(FIRST, SECOND)));
        assertThat(images).extracting(image -> image.id().value()).containsExactly(FIRST, SECOND);
        assertThat(images.get(0).properties()).containsEntry("k", "v");
        assertThat(images.get(0).tags()).containsExactly("a");
        assertThat(images.get(1).locations()).hasSize(1);
        assertThat(RegistryAnswers.images(parser("{\"images\": []}"))).isEmpty();
        assertThat(RegistryAnswers.images(parser("{}"))).isEmpty();
    }

    @Test
    void anImageAnswerGivesItsImageAndOneWithoutItFails() throws IOException {
        Image image = RegistryAnswers.image(parser("{\"extra\": [], \"image\": {\"id\": \"" + FIRST
                + "\", \"name\": \"one\"}}"));
        assertThat(image.name()).isEqualTo("one");
        assertThatThrownBy(() -> RegistryAnswers.image(parser("{\"images\": []}")))
                .isInstanceOf(IOException.class).hasMessageContaining("no image");
        assertThatThrownBy(() -> RegistryAnswers.images(parser("[]")))
                .isInstanceOf(IOException.class).hasMessageContaining("START_ARRAY");
    }

    private static JsonParser parser(String json) throws IOException {
        JsonParser parser = new JsonFactory().createParser(json);
        parser.nextToken();
        return parser;
    }
}
