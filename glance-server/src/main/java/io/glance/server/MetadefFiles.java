package io.glance.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.metadef.MetadefNamespace;
import io.glance.domain.metadef.MetadefObject;
import io.glance.domain.metadef.MetadefProperty;
import io.glance.domain.metadef.MetadefTag;
import io.glance.domain.metadef.NamespaceContents;
import io.glance.domain.metadef.NamespaceDocument;
import io.glance.domain.metadef.ResourceTypeAssociation;
import io.glance.ports.in.metadef.NewNamespace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Metadata definitions files: one namespace per JSON file in the layout of the API's namespace body, as Glance's
 * {@code etc/metadefs} has them. Read leniently, like Glance's loader: property definitions are stored as they are
 * written, a missing visibility or protected flag stays unset. Unlike Glance's loader, an object's {@code required}
 * list is kept, so that an export loads back to the same catalog.
 */
final class MetadefFiles {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private MetadefFiles() {
    }

    /** A file that could not be read as a namespace; the others are still loaded. */
    record Failure(String file, String reason) {
    }

    record Read(List<NewNamespace> namespaces, List<Failure> failures) {
    }

    /** Every {@code *.json} file of a directory in name order, or the one file {@code path} names. */
    static Read read(Path path) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (var listing = Files.list(path)) {
                listing.filter(file -> file.getFileName().toString().endsWith(".json") && Files.isRegularFile(file))
                        .sorted().forEach(files::add);
            }
        } else if (Files.isRegularFile(path)) {
            files.add(path);
        } else {
            throw new IOException("No definitions file or directory at " + path);
        }
        List<NewNamespace> namespaces = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (Path file : files) {
            try {
                namespaces.add(parse(Files.readAllBytes(file)));
            } catch (RuntimeException | IOException e) {
                failures.add(new Failure(file.toString(), e.getMessage()));
            }
        }
        return new Read(namespaces, failures);
    }

    static NewNamespace parse(byte[] json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        List<ResourceTypeAssociation> associations = new ArrayList<>();
        for (JsonNode item : root.path("resource_type_associations")) {
            associations.add(ResourceTypeAssociation.of(text(item, "name"), text(item, "prefix"),
                    text(item, "properties_target")));
        }
        List<MetadefObject> objects = new ArrayList<>();
        for (JsonNode item : root.path("objects")) {
            List<String> required = new ArrayList<>();
            item.path("required").forEach(name -> required.add(name.asText()));
            JsonNode properties = item.get("properties");
            objects.add(new MetadefObject(text(item, "name"), text(item, "description"), required,
                    properties == null || !properties.isObject() ? null : JSON.writeValueAsString(properties),
                    null, null));
        }
        List<MetadefProperty> properties = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = root.path("properties").fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            properties.add(new MetadefProperty(entry.getKey(), JSON.writeValueAsString(entry.getValue())));
        }
        List<MetadefTag> tags = new ArrayList<>();
        for (JsonNode item : root.path("tags")) {
            tags.add(MetadefTag.named(text(item, "name")));
        }
        JsonNode isProtected = root.get("protected");
        return new NewNamespace(text(root, "namespace"), text(root, "display_name"), text(root, "description"),
                text(root, "visibility"), isProtected == null || isProtected.isNull() ? null : isProtected.asBoolean(),
                text(root, "owner"), new NamespaceContents(associations, objects, properties, tags));
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The JSON of one namespace document, as {@link #parse} reads it back. */
    static String toJson(NamespaceDocument document) {
        MetadefNamespace namespace = document.namespace();
        NamespaceContents contents = document.contents();
        ObjectNode root = JSON.createObjectNode();
        root.put("namespace", namespace.namespace());
        putIfSet(root, "display_name", namespace.displayName());
        putIfSet(root, "description", namespace.description());
        putIfSet(root, "visibility", namespace.visibility());
        if (namespace.isProtected() != null) {
            root.put("protected", namespace.isProtected());
        }
        root.put("owner", namespace.owner());
        ArrayNode associations = root.putArray("resource_type_associations");
        for (ResourceTypeAssociation association : contents.associations()) {
            ObjectNode item = associations.addObject();
            item.put("name", association.name());
            putIfSet(item, "prefix", association.prefix());
            putIfSet(item, "properties_target", association.propertiesTarget());
        }
        ObjectNode properties = root.putObject("properties");
        for (MetadefProperty property : contents.properties()) {
            properties.set(property.name(), tree(property.definitionJson()));
        }
        ArrayNode objects = root.putArray("objects");
        for (MetadefObject object : contents.objects()) {
            ObjectNode item = objects.addObject();
            item.put("name", object.name());
            putIfSet(item, "description", object.description());
            ArrayNode required = item.putArray("required");
            object.required().forEach(required::add);
            item.set("properties", object.propertiesJson() == null ? JSON.createObjectNode()
                    : tree(object.propertiesJson()));
        }
        ArrayNode tags = root.putArray("tags");
        contents.tags().forEach(tag -> tags.addObject().put("name", tag.name()));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write namespace " + namespace.namespace(), e);
        }
    }

    /**
     * Writes one file per namespace into {@code directory}, named after the namespace with every character that is
     * not a letter, digit, '-' or '_' replaced by '_' (Glance names them after the display name, which need not be
     * unique).
     */
    static List<Path> write(Path directory, List<NamespaceDocument> documents) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (NamespaceDocument document : documents) {
            Path file = directory.resolve(document.namespace().namespace().replaceAll("[^A-Za-z0-9_-]", "_")
                    + ".json");
            Files.writeString(file, toJson(document), StandardCharsets.UTF_8);
            written.add(file);
        }
        return written;
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("A stored property definition is not JSON: " + json, e);
        }
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }
}
