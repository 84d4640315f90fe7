package io.glance.http.metadefs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.InvalidInputException;
import io.glance.domain.metadef.MetadefObject;
import io.glance.domain.metadef.MetadefProperty;
import io.glance.domain.metadef.MetadefTag;
import io.glance.domain.metadef.NamespaceContents;
import io.glance.domain.metadef.ResourceTypeAssociation;
import io.glance.http.common.Json;
import io.glance.http.metadefs.PropertyDefinitions.Place;
import io.glance.ports.in.metadef.NewNamespace;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Request bodies of the catalog turned into commands, with the rules of Glance's schemas (§9) and models: read-only
 * keys are 403, unknown keys, wrong types and over-long values 400, each message naming the key and the value.
 */
final class MetadefBodies {
    private static final Set<String> NAMESPACE_READ_ONLY = Set.of("self", "schema", "created_at", "updated_at");
    private static final Set<String> NAMESPACE_KEYS = Set.of("namespace", "display_name", "description",
            "visibility", "protected", "owner", "resource_type_associations", "properties", "objects", "tags");
    private static final Set<String> OBJECT_KEYS = Set.of("name", "description", "required", "properties");
    private static final Set<String> ASSOCIATION_KEYS = Set.of("name", "prefix", "properties_target");
    private static final Set<String> TIMES = Set.of("created_at", "updated_at");

    private MetadefBodies() {
    }

    /** POST or PUT /metadefs/namespaces[/{ns}]; nested collections are parsed (and checked) either way. */
    static NewNamespace namespace(JsonNode body) {
        BodyFields fields = BodyFields.of(body, "namespace").refuseReadOnly(NAMESPACE_READ_ONLY)
                .allowOnly(NAMESPACE_KEYS);
        String name = fields.requiredString("namespace");
        String visibility = fields.string("visibility");
        if (visibility != null && !visibility.equals("public") && !visibility.equals("private")) {
            throw new InvalidInputException("'" + visibility + "' is not one of ['public', 'private']"
                    + " ('visibility' of namespace)");
        }
        NamespaceContents contents = new NamespaceContents(nestedAssociations(fields), nestedObjects(fields),
                nestedProperties(fields), nestedTags(fields));
        return new NewNamespace(name, fields.string("display_name", 80), fields.string("description", 500),
                visibility, fields.bool("protected"), fields.string("owner", 255), contents);
    }

    private static List<ResourceTypeAssociation> nestedAssociations(BodyFields namespace) {
        List<ResourceTypeAssociation> associations = new ArrayList<>();
        for (JsonNode item : namespace.array("resource_type_associations")) {
            associations.add(association(BodyFields.of(item, "resource type association")
                    .allowOnly(ASSOCIATION_KEYS)));
        }
        return associations;
    }

    private static List<MetadefObject> nestedObjects(BodyFields namespace) {
        List<MetadefObject> objects = new ArrayList<>();
        for (JsonNode item : namespace.array("objects")) {
            objects.add(object(item, false));
        }
        return objects;
    }

    private static List<MetadefProperty> nestedProperties(BodyFields namespace) {
        ObjectNode map = namespace.object("properties");
        if (map == null) {
            return List.of();
        }
        List<MetadefProperty> properties = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = PropertyDefinitions.validateMap(map, "namespace").fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            properties.add(new MetadefProperty(entry.getKey(), Json.string(entry.getValue())));
        }
        return properties;
    }

    private static List<MetadefTag> nestedTags(BodyFields namespace) {
        List<MetadefTag> tags = new ArrayList<>();
        for (JsonNode item : namespace.array("tags")) {
            tags.add(MetadefTag.named(BodyFields.of(item, "tag").allowOnly(Set.of("name")).requiredString("name")));
        }
        return tags;
    }

    /**
     * POST /objects, PUT /objects/{name}, or an item of a namespace's {@code objects}.
     *
     * @param refuseReadOnly the dedicated endpoints refuse {@code self}, {@code schema} and the times with 403
     */
    static MetadefObject object(JsonNode body, boolean refuseReadOnly) {
        BodyFields fields = BodyFields.of(body, "object");
        if (refuseReadOnly) {
            fields.refuseReadOnly(NAMESPACE_READ_ONLY);
        }
        fields.allowOnly(OBJECT_KEYS);
        String name = fields.requiredString("name");
        List<String> required = fields.strings("required", true);
        ObjectNode properties = fields.object("properties");
        String propertiesJson = properties == null ? null
                : Json.string(PropertyDefinitions.validateMap(properties, "object '" + name + "'"));
        return new MetadefObject(name, fields.string("description"), required, propertiesJson, null, null);
    }

    /** POST or PUT /properties[/{name}]. */
    static MetadefProperty property(JsonNode body) {
        BodyFields.of(body, "property").refuseReadOnly(TIMES);
        String name = body.path("name").isTextual() ? body.get("name").textValue() : "?";
        ObjectNode definition = PropertyDefinitions.validate(body, Place.STANDALONE, "property '" + name + "'");
        return new MetadefProperty(definition.get("name").textValue(), Json.string(definition));
    }

    /** POST /namespaces/{ns}/resource_types. */
    static ResourceTypeAssociation association(JsonNode body) {
        return association(BodyFields.of(body, "resource type association").refuseReadOnly(TIMES)
                .allowOnly(ASSOCIATION_KEYS));
    }

    private static ResourceTypeAssociation association(BodyFields fields) {
        return ResourceTypeAssociation.of(fields.requiredString("name"), fields.string("prefix", 80),
                fields.string("properties_target", 80));
    }

    /** PUT /tags/{tag}: {@code {"name": …}}. */
    static String tagName(JsonNode body) {
        return BodyFields.of(body, "tag").refuseReadOnly(TIMES).allowOnly(Set.of("name")).requiredString("name");
    }

    /** POST /tags: {@code {"tags": [{"name": …}, …]}}. */
    static List<String> tagNames(JsonNode body) {
        BodyFields fields = BodyFields.of(body, "tags body").allowOnly(Set.of("tags"));
        if (!fields.has("tags")) {
            throw new InvalidInputException("'tags' is a required property of the tags body"
                    + " (expected {\"tags\": [{\"name\": \"…\"}, …]})");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : fields.array("tags")) {
            names.add(BodyFields.of(item, "tag").allowOnly(Set.of("name")).requiredString("name"));
        }
        return names;
    }
}
