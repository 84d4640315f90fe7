package io.glance.http.v1;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.Image;
import io.glance.http.common.Json;

import java.util.List;
import java.util.Map;

/** The JSON bodies of API v1: {@code {"image": {...}}} and {@code {"images": [...]}}. */
final class V1Json {

    private V1Json() {
    }

    /** POST and PUT answers: every field, the location included, and the properties. */
    static ObjectNode image(Image image) {
        ObjectNode body = Json.object();
        body.set("image", full(image, true));
        return body;
    }

    static ObjectNode list(List<Image> images, boolean detailed) {
        ObjectNode body = Json.object();
        ArrayNode rendered = body.putArray("images");
        for (Image image : images) {
            rendered.add(detailed ? full(image, false) : put(Json.object(), V1ImageView.summary(image)));
        }
        return body;
    }

    private static ObjectNode full(Image image, boolean withLocation) {
        ObjectNode node = put(Json.object(), V1ImageView.fields(image, withLocation));
        ObjectNode properties = node.putObject("properties");
        image.properties().forEach(properties::put);
        return node;
    }

    private static ObjectNode put(ObjectNode node, Map<String, Object> fields) {
        fields.forEach((name, value) -> {
            switch (value) {
                case null -> node.putNull(name);
                case Long number -> node.put(name, number);
                case Boolean flag -> node.put(name, flag);
                default -> node.put(name, value.toString());
            }
        });
        return node;
    }
}
