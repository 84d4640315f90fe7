package io.glance.http.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.glance.domain.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks request values against the published image schema, as Glance validates {@code {key: value}} with
 * jsonschema: the keywords that schema uses ({@code type}, {@code enum}, {@code maxLength}, {@code minLength},
 * {@code pattern}, {@code items}) and {@code additionalProperties: {"type": "string"}} for custom properties. The
 * clients' warlock models validate with the same schema, so values accepted here are values they can read back.
 */
final class ImageSchemaValidator {
    private final JsonNode properties;
    private final JsonNode additionalProperties;

    ImageSchemaValidator(JsonNode imageSchema) {
        this.properties = imageSchema.path("properties");
        this.additionalProperties = imageSchema.path("additionalProperties");
    }

    /** @throws InvalidInputException naming the value and the rule it breaks */
    void validate(String key, JsonNode value) {
        JsonNode schema = properties.has(key) ? properties.get(key) : additionalProperties;
        String violation = violation(schema, value);
        if (violation != null) {
            throw new InvalidInputException("Provided object does not match schema 'image': " + violation
                    + " (attribute '" + key + "')");
        }
    }

    private static String violation(JsonNode schema, JsonNode value) {
        if (!schema.isObject()) {
            // additionalProperties: true, or no schema at all.
            return null;
        }
        JsonNode type = schema.get("type");
        if (type != null && !hasType(type, value)) {
            return JsonValues.repr(value) + " is not of type " + describeTypes(type);
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && !contains(allowed, value)) {
            return JsonValues.repr(value) + " is not one of " + describeEnum(allowed);
        }
        if (value.isTextual()) {
            int length = value.textValue().codePointCount(0, value.textValue().length());
            if (schema.has("maxLength") && length > schema.get("maxLength").intValue()) {
                return JsonValues.repr(value) + " is too long";
            }
            if (schema.has("minLength") && length < schema.get("minLength").intValue()) {
                return JsonValues.repr(value) + " is too short";
            }
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").textValue())
                    .matcher(value.textValue()).find()) {
                return JsonValues.repr(value) + " does not match '" + schema.get("pattern").textValue() + "'";
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (JsonNode item : value) {
                String violation = violation(schema.get("items"), item);
                if (violation != null) {
                    return violation;
                }
            }
        }
        return null;
    }

    private static boolean hasType(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode alternative : type) {
                if (hasType(alternative.textValue(), value)) {
                    return true;
                }
            }
            return false;
        }
        return hasType(type.textValue(), value);
    }

    private static boolean hasType(String type, JsonNode value) {
        return switch (type) {
            case "null" -> value.isNull();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "integer" -> JsonValues.isIntegral(value);
            case "number" -> value.isNumber();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> throw new IllegalStateException("Unknown JSON schema type in the image schema: " + type);
        };
    }

    private static boolean contains(JsonNode allowed, JsonNode value) {
        for (JsonNode candidate : allowed) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String describeTypes(JsonNode type) {
        if (!type.isArray()) {
            return "'" + type.textValue() + "'";
        }
        List<String> names = new ArrayList<>();
        type.forEach(name -> names.add("'" + name.textValue() + "'"));
        return String.join(", ", names);
    }

    private static String describeEnum(JsonNode allowed) {
        List<String> values = new ArrayList<>();
        allowed.forEach(value -> values.add(JsonValues.repr(value)));
        return "[" + String.join(", ", values) + "]";
    }
}
