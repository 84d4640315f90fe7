package io.glance.http.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.InvalidInputException;
import io.glance.http.common.Json;
import io.glance.ports.in.CreateImageCommand;
import io.glance.ports.in.LegacyImportCommand;

import java.util.List;

/**
 * The {@code input} of a legacy {@code import} task (Glance's {@code unpack_task_input}): {@code import_from},
 * {@code import_from_format} and {@code image_properties} must be there. Glance finds a missing one only when the task
 * runs and fails it; here it is a 400 naming the field, before any task exists. {@code image_properties} is checked
 * like the body of POST /v2/images and must name both formats; left empty it gets Glance's placeholders
 * ({@code qcow2}, {@code bare}).
 */
final class LegacyImportInput {
    private static final List<String> REQUIRED = List.of("import_from", "import_from_format", "image_properties");

    private LegacyImportInput() {
    }

    static LegacyImportCommand parse(JsonNode input, ImageSchemaValidator schema) {
        if (!input.isObject()) {
            throw new InvalidInputException("Provided object does not match schema 'task': input "
                    + JsonValues.repr(input) + " is not of type 'object'");
        }
        for (String key : REQUIRED) {
            if (!input.has(key)) {
                throw new InvalidInputException("Input does not contain '" + key + "' field");
            }
        }
        String importFrom = text(input, "import_from");
        String importFromFormat = text(input, "import_from_format");
        JsonNode properties = input.get("image_properties");
        if (!properties.isObject()) {
            throw new InvalidInputException("Invalid image_properties: " + JsonValues.repr(properties)
                    + " (must be an object of image attributes)");
        }
        if (properties.isEmpty()) {
            ObjectNode defaults = Json.object();
            defaults.put("disk_format", "qcow2");
            defaults.put("container_format", "bare");
            properties = defaults;
        }
        for (String format : List.of("disk_format", "container_format")) {
            if (!properties.hasNonNull(format)) {
                throw new InvalidInputException("image_properties must contain '" + format + "'");
            }
        }
        CreateImageCommand image = CreateImageRequest.parse(properties, schema);
        return new LegacyImportCommand(importFrom, importFromFormat, image, input.toString());
    }

    private static String text(JsonNode input, String key) {
        JsonNode value = input.get(key);
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new InvalidInputException("Invalid " + key + ": " + JsonValues.repr(value)
                    + " (must be a non-empty string)");
        }
        return value.textValue();
    }
}
