package io.glance.registry.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.glance.domain.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reading typed values out of registry documents, with errors that name the field and the value. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new InvalidInputException("Invalid " + field + ": " + value + " (expected a string)");
        }
        return value.asText();
    }

    static Long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidInputException("Invalid " + field + ": " + value + " (expected an integer)");
    }

    /** Cactus coerces {@code is_public} by truthiness; strings count as true only when they say so. */
    static boolean flag(JsonNode node, String field, boolean absent) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        return value.asText().trim().equalsIgnoreCase("true");
    }

    static Instant instant(JsonNode node, String field) {
        return instant(text(node, field), field);
    }

    /** A field's timestamp text as an instant; null or empty is no instant; the tree and streaming readers share it. */
    static Instant instant(String value, String field) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return InstantText.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("Invalid " + field + ": '" + value + "' (expected an ISO-8601 instant)");
        }
    }

    static String instant(Instant value) {
        return value == null ? null : value.toString();
    }

    static void number(JsonGenerator json, String field, Long value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }

    /** What writes a document to a generator. */
    @FunctionalInterface
    interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * The tree of what {@code writer} generates, so that a document's tree form and its streamed form come from one
     * writer and cannot drift.
     */
    static ObjectNode tree(Writer writer) {
        TokenBuffer tokens = new TokenBuffer(MAPPER, false);
        try {
            writer.write(tokens);
            return (ObjectNode) MAPPER.readTree(tokens.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException("A registry document could not be built", e);
        }
    }
}
