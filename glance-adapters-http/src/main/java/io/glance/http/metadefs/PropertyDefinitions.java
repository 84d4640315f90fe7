package io.glance.http.metadefs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.InvalidInputException;
import io.glance.http.common.Json;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Property definitions (spec §4): the keys Glance's property model knows, checked strictly where Glance's JSON
 * schema is loose and its WSME model then fails with 500 (unknown keys in nested definitions, non-string enum values,
 * {@code items} without {@code type}, {@code required}), and normalised as Glance shows them: {@code default} as a
 * string ({@code true} as {@code "True"}), {@code minimum}/{@code maximum} as integers. Definitions are stored in
 * that normalised form; rows loaded from definitions files are normalised again on the way out.
 */
final class PropertyDefinitions {
    static final Set<String> TYPES = Set.of("array", "boolean", "integer", "number", "object", "string");
    private static final List<String> KEYS = List.of("name", "title", "description", "operators", "type", "default",
            "readonly", "minimum", "maximum", "minLength", "maxLength", "pattern", "enum", "items", "uniqueItems",
            "minItems", "maxItems", "additionalItems", "confidential");
    private static final Set<String> NON_NEGATIVE = Set.of("minLength", "maxLength", "minItems", "maxItems");
    private static final Set<String> BOOLEANS = Set.of("readonly", "uniqueItems", "additionalItems", "confidential");

    /** Where a definition comes from decides which keys it may have. */
    enum Place {
        /** POST/PUT /properties: {@code name} required, no {@code confidential} (not in Glance's schema). */
        STANDALONE,
        /** Inside a namespace's or an object's {@code properties} map: {@code name} optional. */
        NESTED
    }

    private PropertyDefinitions() {
    }

    /**
     * @param what how messages name the definition, e.g. {@code "property 'hw_cpu'"}
     * @return the normalised definition, to be stored
     * @throws InvalidInputException naming the key and value that break a rule
     */
    static ObjectNode validate(JsonNode json, Place place, String what) {
        BodyFields fields = BodyFields.of(json, what);
        if (fields.has("required")) {
            throw new InvalidInputException("'required' is not supported in " + what
                    + " (list required properties on the object instead)");
        }
        if (place == Place.STANDALONE && fields.has("confidential")) {
            throw new InvalidInputException("Additional properties are not allowed ('confidential' was unexpected) in "
                    + what);
        }
        fields.allowOnly(Set.copyOf(KEYS));
        if (place == Place.STANDALONE) {
            fields.requiredString("name");
        }
        fields.string("name", 80);
        fields.requiredString("title");
        String type = fields.requiredString("type");
        if (!TYPES.contains(type)) {
            throw new InvalidInputException("'" + type + "' is not one of " + sorted(TYPES) + " ('type' of " + what
                    + ")");
        }
        fields.string("description");
        fields.string("pattern");
        fields.strings("operators", false);
        fields.strings("enum", false);
        for (String key : BOOLEANS) {
            fields.bool(key);
        }
        for (String key : List.of("minimum", "maximum")) {
            JsonNode value = fields.raw(key);
            if (value != null && !value.isNumber()) {
                throw fields.typeError(key, value, "number");
            }
        }
        for (String key : NON_NEGATIVE) {
            JsonNode value = fields.raw(key);
            if (value != null && (!value.isIntegralNumber() || value.asLong() < 0)) {
                throw new InvalidInputException(value + " is not a non-negative integer ('" + key + "' of " + what
                        + ")");
            }
        }
        ObjectNode items = fields.object("items");
        if (items != null) {
            BodyFields itemFields = BodyFields.of(items, "'items' of " + what).allowOnly(Set.of("type", "enum"));
            String itemType = itemFields.requiredString("type");
            if (!TYPES.contains(itemType)) {
                throw new InvalidInputException("'" + itemType + "' is not one of " + sorted(TYPES)
                        + " ('items.type' of " + what + ")");
            }
            itemFields.strings("enum", false);
        }
        return normalise((ObjectNode) json);
    }

    /** Glance's output form of a stored definition (also of raw rows loaded from files); unknown keys are dropped. */
    static ObjectNode normalise(ObjectNode stored) {
        ObjectNode out = Json.object();
        for (String key : KEYS) {
            JsonNode value = stored.get(key);
            if (value == null || value.isNull()) {
                continue;
            }
            switch (key) {
                case "default" -> {
                    String text = defaultText(value);
                    if (text != null) {
                        out.put(key, text);
                    }
                }
                case "minimum", "maximum" -> {
                    if (value.isNumber()) {
                        out.put(key, value.longValue());
                    }
                }
                default -> out.set(key, value.deepCopy());
            }
        }
        return out;
    }

    /** Python's {@code str()} of the value, as WSME turns it into text; arrays and objects are dropped as there. */
    private static String defaultText(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "True" : "False";
        }
        if (value.isNumber()) {
            return value.isIntegralNumber() ? value.bigIntegerValue().toString() : Double.toString(value.doubleValue());
        }
        return null;
    }

    /** A stored definition (JSON text) as a tree; a row that is not a JSON object shows as an empty definition. */
    static ObjectNode parseStored(String json) {
        if (json == null) {
            return Json.object();
        }
        try {
            JsonNode node = Json.parse(json.getBytes(StandardCharsets.UTF_8));
            return node != null && node.isObject() ? (ObjectNode) node : Json.object();
        } catch (JsonProcessingException e) {
            return Json.object();
        }
    }

    /** A map of definitions (a namespace's or an object's {@code properties}), each validated as nested. */
    static ObjectNode validateMap(ObjectNode map, String owner) {
        ObjectNode out = Json.object();
        Iterator<Map.Entry<String, JsonNode>> entries = map.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            out.set(entry.getKey(), validate(entry.getValue(), Place.NESTED,
                    "property '" + entry.getKey() + "' of " + owner));
        }
        return out;
    }

    /** A stored map of definitions, each normalised, with {@code prefix} in front of every name. */
    static ObjectNode renderMap(String storedJson, String prefix) {
        ObjectNode stored = parseStored(storedJson);
        ObjectNode out = Json.object();
        Iterator<Map.Entry<String, JsonNode>> entries = stored.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (entry.getValue().isObject()) {
                out.set(prefix + entry.getKey(), normalise((ObjectNode) entry.getValue()));
            }
        }
        return out;
    }

    private static String sorted(Set<String> values) {
        return new LinkedHashSet<>(values.stream().sorted().toList()).toString();
    }
}
