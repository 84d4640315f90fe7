package io.glance.registry.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageId;
import io.glance.domain.ImageLocation;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.Visibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        TokenBuffer tokens = new TokenBuffer(Json.MAPPER, false);
        try {
            write(image, tokens);
            return (ObjectNode) Json.MAPPER.readTree(tokens.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException("An image document could not be built", e);
        }
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
        number(json, "size", image.size());
        number(json, "virtual_size", image.virtualSize());
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

    private static void number(JsonGenerator json, String field, Long value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
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
        String id = Json.text(json, "id");
        if (id != null && !ImageId.isValid(id)) {
            throw new InvalidInputException("Invalid id '" + id + "': image ids are UUIDs");
        }
        Instant createdAt = orElse(Json.instant(json, "created_at"), now);
        Image.Builder image = Image.builder()
                .id(id == null ? ImageId.random() : new ImageId(id))
                .name(Json.text(json, "name"))
                .status(status(Json.text(json, "status")))
                .visibility(visibility(json))
                .isProtected(Json.flag(json, "protected", false))
                .osHidden(Json.flag(json, "os_hidden", false))
                .owner(Json.text(json, "owner"))
                .size(Json.number(json, "size"))
                .virtualSize(Json.number(json, "virtual_size"))
                .checksums(checksums(json))
                .diskFormat(emptyAsNull(Json.text(json, "disk_format")))
                .containerFormat(emptyAsNull(Json.text(json, "container_format")))
                .minDisk(intOf(json, "min_disk"))
                .minRam(intOf(json, "min_ram"))
                .createdAt(createdAt)
                .updatedAt(orElse(Json.instant(json, "updated_at"), createdAt))
                .deletedAt(Json.instant(json, "deleted_at"))
                .activatedAt(activatedAt(json, now))
                .tags(tags(json))
                .properties(properties(json.get("properties")))
                .locations(locations(json));
        return image.build();
    }

    /**
     * When the data became active; a document that says its image has data but not since when (Cactus's POST or PUT
     * of an active image, without the field) gets {@code now}, the moment the registry learns of the data.
     */
    private static Instant activatedAt(JsonNode json, Instant now) {
        Instant given = Json.instant(json, "activated_at");
        if (given != null || json.has("activated_at")) {
            // An explicit null (every whole image the registry client sends) means "not known": kept as it is.
            return given;
        }
        ImageStatus status = status(Json.text(json, "status"));
        return status == ImageStatus.ACTIVE || status == ImageStatus.DEACTIVATED ? now : null;
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

    private static Visibility visibility(JsonNode json) {
        String visibility = Json.text(json, "visibility");
        if (visibility != null) {
            return Visibility.fromWire(visibility);
        }
        return Json.flag(json, "is_public", false) ? Visibility.PUBLIC : Visibility.PRIVATE;
    }

    private static ImageChecksums checksums(JsonNode json) {
        String md5 = Json.text(json, "checksum");
        if (md5 == null) {
            return null;
        }
        String algo = Json.text(json, "os_hash_algo");
        String value = Json.text(json, "os_hash_value");
        // A Cactus client knows only the md5; the multihash stays empty rather than made up.
        return new ImageChecksums(md5, algo == null ? "" : algo, value == null ? "" : value);
    }

    private static Set<String> tags(JsonNode json) {
        Set<String> tags = new LinkedHashSet<>();
        JsonNode node = json.get("tags");
        if (node != null && !node.isNull()) {
            if (!node.isArray()) {
                throw new InvalidInputException("Invalid tags: " + node + " (expected an array)");
            }
            node.forEach(tag -> tags.add(tag.asText()));
        }
        return tags;
    }

    private static List<ImageLocation> locations(JsonNode json) {
        List<ImageLocation> locations = new ArrayList<>();
        JsonNode node = json.get("locations");
        if (node != null && node.isArray()) {
            for (JsonNode entry : node) {
                String url = Json.text(entry, "url");
                if (url == null) {
                    throw new InvalidInputException("Invalid location " + entry + " (no url)");
                }
                Map<String, String> metadata = new LinkedHashMap<>();
                JsonNode meta = entry.get("metadata");
                if (meta != null && meta.isObject()) {
                    meta.properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
                }
                locations.add(new ImageLocation(url, metadata));
            }
        } else {
            String location = Json.text(json, "location");
            if (location != null && !location.isEmpty()) {
                locations.add(new ImageLocation(location, Map.of()));
            }
        }
        return locations;
    }

    private static int intOf(JsonNode json, String field) {
        Long value = Json.number(json, field);
        if (value == null) {
            return 0;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new InvalidInputException("Invalid " + field + ": " + value + " (out of range)");
        }
        return value.intValue();
    }

    private static String emptyAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
