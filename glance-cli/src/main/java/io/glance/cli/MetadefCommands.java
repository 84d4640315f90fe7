package io.glance.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glance.client.GlanceClient;
import io.glance.client.MetadefClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * python-glanceclient's catalog commands by their names ({@code md-namespace-*}, {@code md-object-*},
 * {@code md-property-*}, {@code md-tag-*}, {@code md-resource-type-*}), each a method here; {@code --json} prints
 * the server's document instead of a table. picocli runs them on the root command, which extends this class.
 */
// picocli adds a class's command methods to the root as it walks the hierarchy from the top, before it reads
// the root's own addMethodSubcommands = false; CommandTree adds the ones a run needs.
@Command(addMethodSubcommands = false)
abstract class MetadefCommands extends CacheCommands {
    /** Made when a JSON argument is read: not in every run's start-up, as a static field of the root's class was. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    /** The client the global options describe. */
    abstract GlanceClient client();

    abstract Io io();

    /** {@code --json}: print the server's documents. */
    abstract boolean jsonOutput();

    private MetadefClient catalog() {
        return client().metadefs();
    }

    private int print(Map<String, Object> document) {
        if (jsonOutput()) {
            ImageFormat.json(io().out(), document);
        } else {
            MetadefTables.document(io().out(), document);
        }
        return ExitCodes.OK;
    }

    private int print(List<String> columns, List<Map<String, Object>> items) {
        if (jsonOutput()) {
            ImageFormat.json(io().out(), items);
        } else {
            MetadefTables.list(io().out(), columns, items);
        }
        return ExitCodes.OK;
    }

    private static Map<String, Object> parse(String json, String option) {
        try {
            return Json.MAPPER.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new UsageException(option + " is not a JSON object: " + e.getOriginalMessage());
        }
    }

    private static Map<String, Object> file(Path path) {
        try {
            return parse(Files.readString(path), "--file " + path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    private static void putIfGiven(Map<String, Object> body, String key, Object value) {
        if (value != null) {
            body.put(key, value);
        }
    }

    // ---- namespaces --------------------------------------------------------------------------------------------

    @Command(name = "md-namespace-create", description = "Create a new metadata definitions namespace.")
    int namespaceCreate(
            @Parameters(paramLabel = "<NAMESPACE>", description = "Name of the namespace.") String namespace,
            @Option(names = "--display-name") String displayName,
            @Option(names = "--description") String description,
            @Option(names = "--visibility", description = "public or private") String visibility,
            @Option(names = "--protected", arity = "0..1", fallbackValue = "true") Boolean isProtected,
            @Option(names = "--owner") String owner,
            @Option(names = "--file", description = "A JSON namespace document, nested children included.")
            Path file) {
        Map<String, Object> body = file == null ? new LinkedHashMap<>() : new LinkedHashMap<>(file(file));
        body.put("namespace", namespace);
        putIfGiven(body, "display_name", displayName);
        putIfGiven(body, "description", description);
        putIfGiven(body, "visibility", visibility);
        putIfGiven(body, "protected", isProtected);
        putIfGiven(body, "owner", owner);
        return printNamespace(catalog().createNamespace(body));
    }

    @Command(name = "md-namespace-import", description = "Import a metadata definitions namespace from a file.")
    int namespaceImport(@Option(names = "--file", required = true) Path file) {
        return printNamespace(catalog().createNamespace(file(file)));
    }

    /** Nested collections shown by name only, as glanceclient's table does. */
    private int printNamespace(Map<String, Object> namespace) {
        Map<String, Object> shown = new LinkedHashMap<>(namespace);
        if (!jsonOutput()) {
            for (String key : List.of("objects", "tags", "resource_type_associations")) {
                if (shown.get(key) instanceof List<?> items) {
                    shown.put(key, items.stream().map(item -> item instanceof Map<?, ?> map ? map.get("name") : item)
                            .toList());
                }
            }
            if (shown.get("properties") instanceof Map<?, ?> properties) {
                shown.put("properties", List.copyOf(properties.keySet()));
            }
        }
        return print(shown);
    }

    @Command(name = "md-namespace-show", description = "Describe a specific metadata definitions namespace.")
    int namespaceShow(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                      @Option(names = "--resource-type", description = "Show property names with its prefix.")
                      String resourceType) {
        return printNamespace(catalog().showNamespace(namespace, resourceType));
    }

    @Command(name = "md-namespace-list", description = "List metadata definitions namespaces.")
    int namespaceList(@Option(names = "--resource-types", split = ",") List<String> resourceTypes,
                      @Option(names = "--visibility") String visibility,
                      @Option(names = "--page-size") Integer pageSize) {
        Map<String, String> filters = new LinkedHashMap<>();
        if (resourceTypes != null) {
            filters.put("resource_types", String.join(",", resourceTypes));
        }
        putIfGiven(filters, "visibility", visibility);
        if (pageSize != null) {
            filters.put("limit", pageSize.toString());
        }
        return print(List.of("namespace"), catalog().listNamespaces(filters));
    }

    private static void putIfGiven(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    @Command(name = "md-namespace-update", description = "Update an existing metadata definitions namespace.")
    int namespaceUpdate(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                        @Option(names = "--namespace", description = "A new name.") String newName,
                        @Option(names = "--display-name") String displayName,
                        @Option(names = "--description") String description,
                        @Option(names = "--visibility") String visibility,
                        @Option(names = "--protected", arity = "0..1", fallbackValue = "true") Boolean isProtected,
                        @Option(names = "--owner") String owner) {
        // PUT replaces the namespace: start from what it is, change what was asked.
        Map<String, Object> current = catalog().showNamespace(namespace, null);
        Map<String, Object> body = new LinkedHashMap<>();
        for (String key : List.of("namespace", "display_name", "description", "visibility", "protected", "owner")) {
            putIfGiven(body, key, current.get(key));
        }
        putIfGiven(body, "namespace", newName);
        putIfGiven(body, "display_name", displayName);
        putIfGiven(body, "description", description);
        putIfGiven(body, "visibility", visibility);
        putIfGiven(body, "protected", isProtected);
        putIfGiven(body, "owner", owner);
        return printNamespace(catalog().updateNamespace(namespace, body));
    }

    @Command(name = "md-namespace-delete", description = "Delete specified metadata definitions namespace.")
    int namespaceDelete(@Parameters(paramLabel = "<NAMESPACE>") String namespace) {
        catalog().deleteNamespace(namespace);
        return ExitCodes.OK;
    }

    @Command(name = "md-namespace-objects-delete", description = "Delete all metadata definitions objects inside a "
            + "specific namespace.")
    int namespaceObjectsDelete(@Parameters(paramLabel = "<NAMESPACE>") String namespace) {
        catalog().deleteObjects(namespace);
        return ExitCodes.OK;
    }

    @Command(name = "md-namespace-properties-delete", description = "Delete all metadata definitions property "
            + "inside a specific namespace.")
    int namespacePropertiesDelete(@Parameters(paramLabel = "<NAMESPACE>") String namespace) {
        catalog().deleteProperties(namespace);
        return ExitCodes.OK;
    }

    @Command(name = "md-namespace-tags-delete", description = "Delete all metadata definitions tags inside a "
            + "specific namespace.")
    int namespaceTagsDelete(@Parameters(paramLabel = "<NAMESPACE>") String namespace) {
        catalog().deleteTags(namespace);
        return ExitCodes.OK;
    }

    @Command(name = "md-namespace-resource-type-list", description = "List resource types associated to specific "
            + "namespace.")
    int namespaceResourceTypeList(@Parameters(paramLabel = "<NAMESPACE>") String namespace) {
        return print(List.of("name", "prefix", "properties_target"), catalog().listAssociations(namespace));
    }

    // ---- resource types ----------------------------------------------------------------------------------------

    @Command(name = "md-resource-type-list", description = "List available resource type names.")
    int resourceTypeList() {
        return print(List.of("name"), catalog().listResourceTypes());
    }

    @Command(name = "md-resource-type-associate", description = "Associate resource type with a metadata "
            + "definitions namespace.")
    int resourceTypeAssociate(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                              @Option(names = "--name", required = true) String name,
                              @Option(names = "--prefix") String prefix,
                              @Option(names = "--properties-target") String propertiesTarget) {
        return print(catalog().associate(namespace, name, prefix, propertiesTarget));
    }

    @Command(name = "md-resource-type-deassociate", description = "Deassociate resource type with a metadata "
            + "definitions namespace.")
    int resourceTypeDeassociate(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                                @Parameters(paramLabel = "<RESOURCE_TYPE>") String resourceType) {
        catalog().dissociate(namespace, resourceType);
        return ExitCodes.OK;
    }

    // ---- properties --------------------------------------------------------------------------------------------

    @Command(name = "md-property-create", description = "Create a new metadata definitions property inside a "
            + "namespace.")
    int propertyCreate(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                       @Option(names = "--name", required = true) String name,
                       @Option(names = "--title", required = true) String title,
                       @Option(names = "--schema", required = true, description = "The definition as JSON.")
                       String schema) {
        Map<String, Object> body = new LinkedHashMap<>(parse(schema, "--schema"));
        body.put("name", name);
        body.put("title", title);
        return print(catalog().createProperty(namespace, body));
    }

    @Command(name = "md-property-update", description = "Update metadata definitions property inside a namespace.")
    int propertyUpdate(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                       @Parameters(paramLabel = "<PROPERTY>") String property,
                       @Option(names = "--name") String name,
                       @Option(names = "--title") String title,
                       @Option(names = "--schema") String schema) {
        Map<String, Object> body = new LinkedHashMap<>(schema == null
                ? catalog().showProperty(namespace, property) : parse(schema, "--schema"));
        body.put("name", name == null ? property : name);
        putIfGiven(body, "title", title);
        return print(catalog().updateProperty(namespace, property, body));
    }

    @Command(name = "md-property-show", description = "Describe a specific metadata definitions property inside "
            + "a namespace.")
    int propertyShow(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                     @Parameters(paramLabel = "<PROPERTY>") String property) {
        return print(catalog().showProperty(namespace, property));
    }

    @Command(name = "md-property-list", description = "List metadata definitions properties inside a namespace.")
    int propertyList(@Parameters(paramLabel = "<NAMESPACE>") String namespace) {
        List<Map<String, Object>> rows = catalog().listProperties(namespace).entrySet().stream()
                .map(entry -> {
                    Map<String, Object> row = new LinkedHashMap<>(entry.getValue());
                    row.put("name", entry.getKey());
                    return (Map<String, Object>) row;
                }).toList();
        return print(List.of("name", "title", "type"), rows);
    }

    @Command(name = "md-property-delete", description = "Delete a specific metadata definitions property inside a "
            + "namespace.")
    int propertyDelete(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                       @Parameters(paramLabel = "<PROPERTY>") String property) {
        catalog().deleteProperty(namespace, property);
        return ExitCodes.OK;
    }

    // ---- objects -----------------------------------------------------------------------------------------------

    @Command(name = "md-object-create", description = "Create a new metadata definitions object inside a "
            + "namespace.")
    int objectCreate(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                     @Option(names = "--name", required = true) String name,
                     @Option(names = "--schema", required = true, description = "The object as JSON.")
                     String schema) {
        Map<String, Object> body = new LinkedHashMap<>(parse(schema, "--schema"));
        body.put("name", name);
        return printObject(catalog().createObject(namespace, body));
    }

    /** Properties shown by name, as glanceclient's table does. */
    private int printObject(Map<String, Object> object) {
        Map<String, Object> shown = new LinkedHashMap<>(object);
        if (!jsonOutput() && shown.get("properties") instanceof Map<?, ?> properties) {
            shown.put("properties", List.copyOf(properties.keySet()));
        }
        return print(shown);
    }

    @Command(name = "md-object-update", description = "Update metadata definitions object inside a namespace.")
    int objectUpdate(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                     @Parameters(paramLabel = "<OBJECT>") String object,
                     @Option(names = "--name") String name,
                     @Option(names = "--schema") String schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> source = schema == null ? catalog().showObject(namespace, object)
                : parse(schema, "--schema");
        for (String key : List.of("description", "required", "properties")) {
            putIfGiven(body, key, source.get(key));
        }
        body.put("name", name == null ? object : name);
        return printObject(catalog().updateObject(namespace, object, body));
    }

    @Command(name = "md-object-show", description = "Describe a specific metadata definitions object inside a "
            + "namespace.")
    int objectShow(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                   @Parameters(paramLabel = "<OBJECT>") String object) {
        return printObject(catalog().showObject(namespace, object));
    }

    @Command(name = "md-object-property-show", description = "Describe a specific metadata definitions property "
            + "inside an object.")
    int objectPropertyShow(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                           @Parameters(paramLabel = "<OBJECT>") String object,
                           @Parameters(paramLabel = "<PROPERTY>") String property) {
        Object properties = catalog().showObject(namespace, object).get("properties");
        if (!(properties instanceof Map<?, ?> map) || !(map.get(property) instanceof Map<?, ?> definition)) {
            throw new UsageException("Property " + property + " not found in object " + object + ".");
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        definition.forEach((key, value) -> shown.put(String.valueOf(key), value));
        shown.put("name", property);
        return print(shown);
    }

    @Command(name = "md-object-list", description = "List metadata definitions objects inside a namespace.")
    int objectList(@Parameters(paramLabel = "<NAMESPACE>") String namespace) {
        return print(List.of("name", "description"), catalog().listObjects(namespace));
    }

    @Command(name = "md-object-delete", description = "Delete a specific metadata definitions object inside a "
            + "namespace.")
    int objectDelete(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                     @Parameters(paramLabel = "<OBJECT>") String object) {
        catalog().deleteObject(namespace, object);
        return ExitCodes.OK;
    }

    // ---- tags --------------------------------------------------------------------------------------------------

    @Command(name = "md-tag-create", description = "Add a new metadata definitions tag inside a namespace.")
    int tagCreate(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                  @Option(names = "--name", required = true) String name) {
        return print(catalog().createTag(namespace, name));
    }

    @Command(name = "md-tag-create-multiple", description = "Create new metadata definitions tags inside a "
            + "namespace.")
    int tagCreateMultiple(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                          @Option(names = "--names", required = true) String names,
                          @Option(names = "--delim", defaultValue = ",") String delimiter,
                          @Option(names = "--append", description = "Keep the existing tags.") boolean append) {
        List<String> tags = Arrays.stream(names.split(java.util.regex.Pattern.quote(delimiter)))
                .map(String::strip).filter(tag -> !tag.isEmpty()).toList();
        if (tags.isEmpty()) {
            throw new UsageException("Please supply at least one tag name. For example: --names Tag1");
        }
        List<Map<String, Object>> rows = catalog().createTags(namespace, tags, append).stream()
                .map(tag -> Map.<String, Object>of("name", tag)).toList();
        return print(List.of("name"), rows);
    }

    @Command(name = "md-tag-show", description = "Describe a specific metadata definitions tag inside a namespace.")
    int tagShow(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                @Parameters(paramLabel = "<TAG>") String tag) {
        return print(catalog().showTag(namespace, tag));
    }

    @Command(name = "md-tag-update", description = "Rename a metadata definitions tag inside a namespace.")
    int tagUpdate(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                  @Parameters(paramLabel = "<TAG>") String tag,
                  @Option(names = "--name", required = true) String name) {
        return print(catalog().renameTag(namespace, tag, name));
    }

    @Command(name = "md-tag-list", description = "List metadata definitions tags inside a namespace.")
    int tagList(@Parameters(paramLabel = "<NAMESPACE>") String namespace) {
        List<Map<String, Object>> rows = catalog().listTags(namespace).stream()
                .map(tag -> Map.<String, Object>of("name", tag)).toList();
        return print(List.of("name"), rows);
    }

    @Command(name = "md-tag-delete", description = "Delete a specific metadata definitions tag inside a namespace.")
    int tagDelete(@Parameters(paramLabel = "<NAMESPACE>") String namespace,
                  @Parameters(paramLabel = "<TAG>") String tag) {
        catalog().deleteTag(namespace, tag);
        return ExitCodes.OK;
    }
}
