package io.glance.http.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.glance.domain.ForbiddenException;
import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.Visibility;
import io.glance.ports.in.CreateImageCommand;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of POST /v2/images turned into a {@link CreateImageCommand}, checked in Glance's order: keys that may
 * never be sent (403), then the image schema (400), then read-only and reserved keys (403). Keys that are not base
 * attributes become custom properties, which the schema makes strings.
 */
final class CreateImageRequest {

    private CreateImageRequest() {
    }

    static CreateImageCommand parse(JsonNode body, ImageSchemaValidator schema) {
        if (!body.isObject()) {
            throw new InvalidInputException("Provided object does not match schema 'image': "
                    + JsonValues.repr(body) + " is not of type 'object'");
        }
        for (Iterator<String> keys = body.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (ImageAttributes.DISALLOWED_ON_CREATE.contains(key)) {
                throw new ForbiddenException("Attribute '" + key + "' is read-only.");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            schema.validate(field.getKey(), field.getValue());
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            ImageAttributes.requireWritable(key, false);
            if (!ImageAttributes.BASE.contains(key)) {
                if (key.length() > 255) {
                    throw new InvalidInputException("Custom property should not be greater than 255 characters: '"
                            + key.substring(0, 40) + "...' is " + key.length() + " characters long.");
                }
                // The schema admits only strings for custom properties, and null for kernel_id and ramdisk_id,
                // which sets nothing.
                if (!field.getValue().isNull()) {
                    properties.put(key, field.getValue().textValue());
                }
            }
        }
        return new CreateImageCommand(
                body.hasNonNull("id") ? new ImageId(body.get("id").textValue()) : null,
                text(body, "name"),
                body.hasNonNull("visibility") ? Visibility.fromWire(body.get("visibility").textValue()) : null,
                body.has("protected") ? body.get("protected").booleanValue() : null,
                body.has("os_hidden") ? body.get("os_hidden").booleanValue() : null,
                integer(body, "min_disk"),
                integer(body, "min_ram"),
                text(body, "disk_format"),
                text(body, "container_format"),
                text(body, "owner"),
                body.has("owner"),
                tags(body),
                properties);
    }

    private static String text(JsonNode body, String key) {
        JsonNode value = body.get(key);
        return value == null || value.isNull() ? null : value.textValue();
    }

    private static Integer integer(JsonNode body, String key) {
        JsonNode value = body.get(key);
        if (value == null) {
            return null;
        }
        if (!value.canConvertToInt()) {
            throw new InvalidInputException("Invalid " + key + ": " + value + " (must be an integer of at most "
                    + Integer.MAX_VALUE + ")");
        }
        return value.intValue();
    }

    private static List<String> tags(JsonNode body) {
        JsonNode value = body.get("tags");
        if (value == null) {
            return List.of();
        }
        List<String> tags = new ArrayList<>(value.size());
        value.forEach(tag -> tags.add(tag.textValue()));
        return tags;
    }
}
