package io.glance.adapters.registry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.glance.domain.Image;
import io.glance.registry.protocol.ImageDocument;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the registry's image answers ({@code {"image": {...}}} and {@code {"images": [...]}}) token by token into
 * images: no Jackson tree of the answer, which, with the field look-ups in it, was about a third of glance-api's CPU
 * for a list of 25 through the registry (JFR, issue 17). Other fields of the answer are skipped.
 */
final class RegistryAnswers {
    private RegistryAnswers() {
    }

    /** The image of {@code {"image": {...}}}. */
    static Image image(JsonParser answer) throws IOException {
        Image image = null;
        expectObject(answer);
        for (String field = answer.nextFieldName(); field != null; field = answer.nextFieldName()) {
            answer.nextToken();
            if (field.equals("image")) {
                image = ImageDocument.read(answer, Instant.EPOCH);
            } else {
                answer.skipChildren();
            }
        }
        if (image == null) {
            throw new IOException("glance-registry's answer has no image");
        }
        return image;
    }

    /** The images of {@code {"images": [...]}}, in the order given; none when the field is missing. */
    static List<Image> images(JsonParser answer) throws IOException {
        List<Image> images = new ArrayList<>();
        expectObject(answer);
        for (String field = answer.nextFieldName(); field != null; field = answer.nextFieldName()) {
            JsonToken value = answer.nextToken();
            if (field.equals("images") && value == JsonToken.START_ARRAY) {
                while (answer.nextToken() == JsonToken.START_OBJECT) {
                    images.add(ImageDocument.read(answer, Instant.EPOCH));
                }
            } else {
                answer.skipChildren();
            }
        }
        return images;
    }

    private static void expectObject(JsonParser answer) throws IOException {
        if (answer.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("glance-registry answered " + answer.currentToken() + " where an object was due");
        }
    }
}
