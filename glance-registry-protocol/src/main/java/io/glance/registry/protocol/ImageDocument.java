package io.glance.registry.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageLocation;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.Visibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image as a registry document. Writing gives every field; reading accepts a complete document (what the
 * registry client sends) or a Cactus-style partial one (what an old client POSTs): absent fields then take Cactus's
 * registry defaults, {@code status} {@code active} and {@code is_public} false.
 */
public final class ImageDocument {
    /** Fields of the short listing (GET /images), as Cactus's registry returns them. */
    public static final List<String> SHORT_FIELDS =
            List.of("id", "name", "size", "disk_format", "container_format", "checksum");

    private ImageDocument() {
    }

    public static ObjectNode write(Image image) {
        return Json.tree(json -> write(image, json));
    }

    /**
     * Writes the document to a generator: lists go out this way, without a tree per image and a copy of the whole
     * answer (the registry's share of a list of 25 was a fifth tree building and serialising, JFR, issue 17).
     */
    public static void write(Image image, JsonGenerator json) throws IOException {
        ImageChecksums checksums = image.checksums();
        json.writeStartObject();
        json.writeStringField("id", image.id().value());
        json.writeStringField("name", image.name());
        json.writeStringField("status", image.status().wireName());
        json.writeBooleanField("is_public", image.visibility() == Visibility.PUBLIC);
        json.writeStringField("visibility", image.visibility().wireName());
        json.writeBooleanField("protected", image.isProtected());
        json.writeBooleanField("os_hidden", image.osHidden());
        json.writeStringField("owner", image.owner());
        Json.number(json, "size", image.size());
        Json.number(json, "virtual_size", image.virtualSize());
        json.writeStringField("checksum", checksums == null ? null : checksums.md5());
        json.writeStringField("os_hash_algo", checksums == null ? null : checksums.hashAlgo());
        json.writeStringField("os_hash_value", checksums == null ? null : checksums.hashValue());
        json.writeStringField("disk_format", image.diskFormat());
        json.writeStringField("container_format", image.containerFormat());
        json.writeNumberField("min_disk", image.minDisk());
        json.writeNumberField("min_ram", image.minRam());
        json.writeStringField("created_at", Json.instant(image.createdAt()));
        json.writeStringField("updated_at", Json.instant(image.updatedAt()));
        json.writeStringField("deleted_at", Json.instant(image.deletedAt()));
        json.writeBooleanField("deleted", image.deleted());
        json.writeStringField("activated_at", Json.instant(image.activatedAt()));
        json.writeStringField("location", image.locations().isEmpty() ? null : image.locations().getFirst().url());
        json.writeArrayFieldStart("locations");
        for (ImageLocation location : image.locations()) {
            json.writeStartObject();
            json.writeStringField("url", location.url());
            json.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> entry : location.metadata().entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("tags");
        for (String tag : image.tags()) {
            json.writeString(tag);
        }
        json.writeEndArray();
        json.writeObjectFieldStart("properties");
        for (Map.Entry<String, String> entry : image.properties().entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /** The short form of the Cactus listing. */
    public static ObjectNode writeShort(Image image) {
        ObjectNode full = write(image);
        ObjectNode json = Json.MAPPER.createObjectNode();
        SHORT_FIELDS.forEach(field -> json.set(field, full.get(field)));
        return json;
    }

    /**
     * Reads an image document.
     *
     * @param now the time for absent timestamps
     * @throws InvalidInputException naming the field and value when one is malformed
     */
    public static Image read(JsonNode json, Instant now) {
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("Expected an image object, got " + json);
        }
        try (JsonParser parser = json.traverse(Json.MAPPER)) {
            return ImageDocumentParser.read(parser, now);
        } catch (IOException e) {
            throw new UncheckedIOException("An image document tree could not be read", e);
        }
    }

    /**
     * Reads the image document the parser is at (its current token, or its next one when it has none), without a
     * tree: the registry client reads lists and images this way.
     *
     * @param now the time for absent timestamps
     * @throws InvalidInputException naming the field and value when one is malformed
     * @throws IOException           when the JSON itself is malformed
     */
    public static Image read(JsonParser json, Instant now) throws IOException {
        return ImageDocumentParser.read(json, now);
    }

    /** Properties of a document, {@code null} values dropped (Cactus treats them as removals). */
    public static Map<String, String> properties(JsonNode node) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return properties;
        }
        if (!node.isObject()) {
            throw new InvalidInputException("Invalid properties: " + node + " (expected an object)");
        }
        node.properties().forEach(entry -> {
            if (!entry.getValue().isNull()) {
                properties.put(entry.getKey(), entry.getValue().isValueNode() ? entry.getValue().asText()
                        : entry.getValue().toString());
            }
        });
        return properties;
    }

    /** Cactus's status check: "Image status is required." / "Invalid image status '%s' for image.". */
    public static ImageStatus status(String value) {
        if (value == null) {
            return ImageStatus.ACTIVE; // the registry's default (Glance v1 §4)
        }
        if (value.isBlank()) {
            throw new InvalidInputException("Image status is required.");
        }
        try {
            return ImageStatus.fromWire(value);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("Invalid image status '" + value + "' for image.");
        }
    }
}
