package io.glance.http.metadefs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.ForbiddenException;
import io.glance.domain.InvalidInputException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Typed reads of one JSON object of a request body, each failure a 400 naming the field, the value and where it
 * is ({@code what}, e.g. "namespace" or "property 'hw_cpu'"). JSON null is a type error for every typed field, as
 * with Glance's schemas.
 */
final class BodyFields {
    private final ObjectNode node;
    private final String what;

    private BodyFields(ObjectNode node, String what) {
        this.node = node;
        this.what = what;
    }

    /** @throws InvalidInputException when {@code json} is not a JSON object */
    static BodyFields of(JsonNode json, String what) {
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("The " + what + " must be a JSON object, not "
                    + (json == null ? "nothing" : json.toString()));
        }
        return new BodyFields((ObjectNode) json, what);
    }

    /** Glance refuses read-only attributes with 403 before it validates anything else. */
    BodyFields refuseReadOnly(Set<String> readOnly) {
        for (String key : readOnly) {
            if (node.has(key)) {
                throw new ForbiddenException("Attribute '" + key + "' is read-only.");
            }
        }
        return this;
    }

    /** @throws InvalidInputException naming the first key that is not allowed */
    BodyFields allowOnly(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!allowed.contains(key)) {
                throw new InvalidInputException("Additional properties are not allowed ('" + key
                        + "' was unexpected) in " + what);
            }
        }
        return this;
    }

    boolean has(String key) {
        return node.has(key);
    }

    JsonNode raw(String key) {
        return node.get(key);
    }

    String requiredString(String key) {
        if (!node.has(key)) {
            throw new InvalidInputException("'" + key + "' is a required property of " + what);
        }
        return string(key);
    }

    /** Absent → null. */
    String string(String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw typeError(key, value, "string");
        }
        return value.textValue();
    }

    String string(String key, int maxLength) {
        String value = string(key);
        if (value != null && value.codePointCount(0, value.length()) > maxLength) {
            throw new InvalidInputException("'" + value + "' is too long (at most " + maxLength
                    + " characters) for '" + key + "' of " + what);
        }
        return value;
    }

    Boolean bool(String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw typeError(key, value, "boolean");
        }
        return value.booleanValue();
    }

    /** An array of strings, absent → null; {@code unique} refuses repeats. */
    List<String> strings(String key, boolean unique) {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw typeError(key, value, "array");
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new InvalidInputException(item + " in '" + key + "' of " + what + " is not of type 'string'");
            }
            strings.add(item.textValue());
        }
        if (unique && new LinkedHashSet<>(strings).size() != strings.size()) {
            throw new InvalidInputException(value + " has non-unique elements ('" + key + "' of " + what + ")");
        }
        return strings;
    }

    /** An array, absent → empty. */
    List<JsonNode> array(String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw typeError(key, value, "array");
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    /** An object, absent → null. */
    ObjectNode object(String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw typeError(key, value, "object");
        }
        return (ObjectNode) value;
    }

    InvalidInputException typeError(String key, JsonNode value, String type) {
        return new InvalidInputException(value + " is not of type '" + type + "' ('" + key + "' of " + what + ")");
    }
}
