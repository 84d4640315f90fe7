package io.glance.http.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.glance.http.common.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON schemas served under /v2/schemas. They were generated from Glance 25.0.0 ({@code get_schema()} of
 * images, image_members, tasks and the metadefs modules, with {@code etc/schema-image.json} merged into the image
 * schema) and are served unchanged, except that the image schema has no {@code stores} property: glanceclient 4.1.0
 * turns every property into a CLI option, and {@code --stores} collides with one of its own (spec §7.1). The six
 * catalog schemas for properties, objects and tags were written here from the shapes of the metadefs spec (§9): the
 * same keys, types, limits and {@code required} lists as Glance's, with descriptions of our own.
 */
final class SchemaDocuments {
    static final List<String> NAMES = List.of("image", "images", "member", "members", "task", "tasks",
            "metadefs/namespace", "metadefs/namespaces", "metadefs/resource_type", "metadefs/resource_types",
            "metadefs/property", "metadefs/properties", "metadefs/object", "metadefs/objects", "metadefs/tag",
            "metadefs/tags");

    private final Map<String, byte[]> documents;
    private final JsonNode image;

    private SchemaDocuments(Map<String, byte[]> documents, JsonNode image) {
        this.documents = documents;
        this.image = image;
    }

    static SchemaDocuments load() {
        Map<String, byte[]> documents = new LinkedHashMap<>();
        JsonNode image = null;
        for (String name : NAMES) {
            JsonNode schema = Json.parseTrusted(resource(name.replace('/', '-') + ".json"));
            documents.put(name, Json.bytes(schema));
            if (name.equals("image")) {
                image = schema;
            }
        }
        return new SchemaDocuments(Map.copyOf(documents), image);
    }

    Optional<byte[]> document(String name) {
        return Optional.ofNullable(documents.get(name));
    }

    /** The image schema as a tree, for validating request values the way Glance does. */
    JsonNode image() {
        return image;
    }

    private static byte[] resource(String fileName) {
        try (InputStream in = SchemaDocuments.class.getResourceAsStream("schemas/" + fileName)) {
            if (in == null) {
                throw new IllegalStateException("Schema resource missing from the build: " + fileName);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema resource " + fileName, e);
        }
    }
}
