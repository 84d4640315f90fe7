package io.glance.registry.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageId;
import io.glance.domain.ImageLocation;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.Visibility;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an image document token by token, without a tree: glance-api reads every image of a list through the
 * registry this way (building a Jackson tree of the answer and then looking each field up in it was about a third of
 * glance-api's CPU for a list of 25, JFR, issue 17). {@link ImageDocument#read(JsonNode, Instant)} reads a tree
 * through this same parser, so both carry the same rules: Cactus's defaults for absent fields, numbers given as
 * strings, {@code is_public} by truthiness, {@code null} properties dropped. Only odd shapes (a number where text is
 * expected, an object as a property value, a location entry) are turned into a small tree to be read as before.
 */
final class ImageDocumentParser {
    private String id;
    private String name;
    private String status;
    private String visibility;
    private boolean isPublic;
    private boolean isProtected;
    private boolean osHidden;
    private String owner;
    private Long size;
    private Long virtualSize;
    private String checksum;
    private String hashAlgo;
    private String hashValue;
    private String diskFormat;
    private String containerFormat;
    private int minDisk;
    private int minRam;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant deletedAt;
    private Instant activatedAt;
    private boolean activatedAtGiven;
    private Set<String> tags = new LinkedHashSet<>();
    private Map<String, String> properties = new LinkedHashMap<>();
    private JsonNode locations;
    private JsonNode location;

    private ImageDocumentParser() {
    }

    /**
     * Reads the object the parser's current token starts (or its next token, when it has none yet) up to and
     * including its end.
     *
     * @param now the time for absent timestamps
     * @throws InvalidInputException naming the field and value when one is malformed
     * @throws IOException           when the JSON itself is malformed
     */
    static Image read(JsonParser json, Instant now) throws IOException {
        JsonToken start = json.currentToken() != null ? json.currentToken() : json.nextToken();
        if (start != JsonToken.START_OBJECT) {
            throw new InvalidInputException("Expected an image object, got " + tree(json));
        }
        ImageDocumentParser document = new ImageDocumentParser();
        for (String field = json.nextFieldName(); field != null; field = json.nextFieldName()) {
            json.nextToken();
            document.field(field, json);
        }
        return document.image(now);
    }

    private void field(String field, JsonParser json) throws IOException {
        switch (field) {
            case "id" -> id = text(json, field);
            case "name" -> name = text(json, field);
            case "status" -> status = text(json, field);
            case "visibility" -> visibility = text(json, field);
            case "is_public" -> isPublic = flag(json);
            case "protected" -> isProtected = flag(json);
            case "os_hidden" -> osHidden = flag(json);
            case "owner" -> owner = text(json, field);
            case "size" -> size = number(json, field);
            case "virtual_size" -> virtualSize = number(json, field);
            case "checksum" -> checksum = text(json, field);
            case "os_hash_algo" -> hashAlgo = text(json, field);
            case "os_hash_value" -> hashValue = text(json, field);
            case "disk_format" -> diskFormat = text(json, field);
            case "container_format" -> containerFormat = text(json, field);
            case "min_disk" -> minDisk = intOf(json, field);
            case "min_ram" -> minRam = intOf(json, field);
            case "created_at" -> createdAt = instant(json, field);
            case "updated_at" -> updatedAt = instant(json, field);
            case "deleted_at" -> deletedAt = instant(json, field);
            case "activated_at" -> {
                activatedAt = instant(json, field);
                activatedAtGiven = true;
            }
            case "tags" -> tags = tags(json);
            case "properties" -> properties = properties(json);
            case "locations" -> locations = tree(json);
            case "location" -> location = json.currentToken() == JsonToken.VALUE_STRING
                    ? TextNode.valueOf(json.getText()) : tree(json);
            default -> json.skipChildren();
        }
    }

    private Image image(Instant now) {
        if (id != null && !ImageId.isValid(id)) {
            throw new InvalidInputException("Invalid id '" + id + "': image ids are UUIDs");
        }
        Instant created = createdAt != null ? createdAt : now;
        ImageStatus imageStatus = ImageDocument.status(status);
        return Image.builder()
                .id(id == null ? ImageId.random() : new ImageId(id))
                .name(name)
                .status(imageStatus)
                .visibility(visibility != null ? Visibility.fromWire(visibility)
                        : isPublic ? Visibility.PUBLIC : Visibility.PRIVATE)
                .isProtected(isProtected)
                .osHidden(osHidden)
                .owner(owner)
                .size(size)
                .virtualSize(virtualSize)
                .checksums(checksums())
                .diskFormat(emptyAsNull(diskFormat))
                .containerFormat(emptyAsNull(containerFormat))
                .minDisk(minDisk)
                .minRam(minRam)
                .createdAt(created)
                .updatedAt(updatedAt != null ? updatedAt : created)
                .deletedAt(deletedAt)
                .activatedAt(activatedAt(imageStatus, now))
                .tags(tags)
                .properties(properties)
                .locations(locations())
                .build();
    }

    /**
     * When the data became active; a document that says its image has data but not since when (Cactus's POST or PUT
     * of an active image, without the field) gets {@code now}, the moment the registry learns of the data. An
     * explicit null (every whole image the registry client sends) means "not known": kept as it is.
     */
    private Instant activatedAt(ImageStatus imageStatus, Instant now) {
        if (activatedAt != null || activatedAtGiven) {
            return activatedAt;
        }
        return imageStatus == ImageStatus.ACTIVE || imageStatus == ImageStatus.DEACTIVATED ? now : null;
    }

    private ImageChecksums checksums() {
        if (checksum == null) {
            return null;
        }
        // A Cactus client knows only the md5; the multihash stays empty rather than made up.
        return new ImageChecksums(checksum, hashAlgo == null ? "" : hashAlgo, hashValue == null ? "" : hashValue);
    }

    private List<ImageLocation> locations() {
        List<ImageLocation> read = new ArrayList<>();
        if (locations != null && locations.isArray()) {
            for (JsonNode entry : locations) {
                String url = Json.text(entry, "url");
                if (url == null) {
                    throw new InvalidInputException("Invalid location " + entry + " (no url)");
                }
                Map<String, String> metadata = new LinkedHashMap<>();
                JsonNode meta = entry.get("metadata");
                if (meta != null && meta.isObject()) {
                    meta.properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
                }
                read.add(new ImageLocation(url, metadata));
            }
        } else if (location != null && !location.isNull()) {
            if (!location.isValueNode()) {
                throw new InvalidInputException("Invalid location: " + location + " (expected a string)");
            }
            if (!location.asText().isEmpty()) {
                read.add(new ImageLocation(location.asText(), Map.of()));
            }
        }
        return read;
    }

    /** Text, or a number or boolean as its text (what {@link JsonNode#asText()} gives); {@code null} for null. */
    private static String text(JsonParser json, String field) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return json.getText();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonNode value = tree(json);
        if (!value.isValueNode()) {
            throw new InvalidInputException("Invalid " + field + ": " + value + " (expected a string)");
        }
        return value.asText();
    }

    private static Long number(JsonParser json, String field) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_NUMBER_INT && json.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return json.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(json.getText().trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("Invalid " + field + ": " + TextNode.valueOf(json.getText())
                        + " (expected an integer)");
            }
        }
        JsonNode value = tree(json);
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        throw new InvalidInputException("Invalid " + field + ": " + value + " (expected an integer)");
    }

    private static int intOf(JsonParser json, String field) throws IOException {
        Long value = number(json, field);
        if (value == null) {
            return 0;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new InvalidInputException("Invalid " + field + ": " + value + " (out of range)");
        }
        return value.intValue();
    }

    /** Cactus coerces {@code is_public} by truthiness; strings count as true only when they say so. */
    private static boolean flag(JsonParser json) throws IOException {
        return switch (json.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> json.getDoubleValue() != 0;
            case VALUE_STRING -> json.getText().trim().equalsIgnoreCase("true");
            default -> tree(json).asText().trim().equalsIgnoreCase("true");
        };
    }

    private static Instant instant(JsonParser json, String field) throws IOException {
        return Json.instant(text(json, field), field);
    }

    private static Set<String> tags(JsonParser json) throws IOException {
        Set<String> read = new LinkedHashSet<>();
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return read;
        }
        if (token != JsonToken.START_ARRAY) {
            throw new InvalidInputException("Invalid tags: " + tree(json) + " (expected an array)");
        }
        for (token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            // what JsonNode.asText() made of each element: a null is "null"
            read.add(token == JsonToken.VALUE_STRING ? json.getText()
                    : token == JsonToken.VALUE_NULL ? "null" : tree(json).asText());
        }
        return read;
    }

    /** Properties of a document, {@code null} values dropped (Cactus treats them as removals). */
    private static Map<String, String> properties(JsonParser json) throws IOException {
        Map<String, String> read = new LinkedHashMap<>();
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return read;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new InvalidInputException("Invalid properties: " + tree(json) + " (expected an object)");
        }
        for (String key = json.nextFieldName(); key != null; key = json.nextFieldName()) {
            token = json.nextToken();
            if (token == JsonToken.VALUE_STRING) {
                read.put(key, json.getText());
            } else if (token == JsonToken.VALUE_NULL) {
                read.remove(key);
            } else {
                JsonNode value = tree(json);
                read.put(key, value.isValueNode() ? value.asText() : value.toString());
            }
        }
        return read;
    }

    /** The value at the current token as a tree, for the shapes read as before (whatever codec the parser has). */
    private static JsonNode tree(JsonParser json) throws IOException {
        JsonNode node = Json.MAPPER.readTree(json);
        return node != null ? node : NullNode.getInstance();
    }

    private static String emptyAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
