package io.glance.http.metadefs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.metadef.MetadefNamespace;
import io.glance.domain.metadef.MetadefObject;
import io.glance.domain.metadef.MetadefProperty;
import io.glance.domain.metadef.MetadefTag;
import io.glance.domain.metadef.NamespaceContents;
import io.glance.domain.metadef.ResourceType;
import io.glance.domain.metadef.ResourceTypeAssociation;
import io.glance.http.common.Json;

import java.time.Instant;
import java.util.List;

/**
 * The JSON of the catalog as Glance shows it: keys with no value are left out, times in whole seconds, {@code self}
 * links built from the names as they are (not URL-encoded, as Glance does).
 */
final class MetadefViews {
    static final String NAMESPACES = "/v2/metadefs/namespaces";

    private MetadefViews() {
    }

    static String self(String namespace) {
        return NAMESPACES + "/" + namespace;
    }

    /** The namespace's own fields with {@code self} and {@code schema}. */
    static ObjectNode namespace(MetadefNamespace namespace) {
        ObjectNode json = Json.object();
        json.put("namespace", namespace.namespace());
        putIfSet(json, "display_name", namespace.displayName());
        putIfSet(json, "description", namespace.description());
        json.put("visibility", namespace.shownVisibility());
        if (namespace.isProtected() != null) {
            json.put("protected", namespace.isProtected());
        }
        json.put("owner", namespace.owner());
        putTime(json, "created_at", namespace.createdAt());
        putTime(json, "updated_at", namespace.updatedAt());
        json.put("self", self(namespace.namespace()));
        json.put("schema", "/v2/schemas/metadefs/namespace");
        return json;
    }

    /**
     * The namespace with what is inside it, each collection only when not empty.
     *
     * @param prefix put in front of every property name (the {@code ?resource_type=} view), or empty
     */
    static ObjectNode namespaceWithContents(MetadefNamespace namespace, NamespaceContents contents, String prefix) {
        ObjectNode json = namespace(namespace);
        if (!contents.associations().isEmpty()) {
            json.set("resource_type_associations", associations(contents.associations()));
        }
        if (!contents.properties().isEmpty()) {
            json.set("properties", properties(contents.properties(), prefix));
        }
        if (!contents.objects().isEmpty()) {
            ArrayNode objects = json.putArray("objects");
            contents.objects().forEach(object -> objects.add(object(namespace.namespace(), object, prefix)));
        }
        if (!contents.tags().isEmpty()) {
            ArrayNode tags = json.putArray("tags");
            contents.tags().forEach(tag -> tags.addObject().put("name", tag.name()));
        }
        return json;
    }

    static ArrayNode associations(List<ResourceTypeAssociation> associations) {
        ArrayNode array = Json.array();
        associations.forEach(association -> array.add(association(association)));
        return array;
    }

    static ObjectNode association(ResourceTypeAssociation association) {
        ObjectNode json = Json.object();
        json.put("name", association.name());
        putIfSet(json, "prefix", association.prefix());
        putIfSet(json, "properties_target", association.propertiesTarget());
        putTime(json, "created_at", association.createdAt());
        putTime(json, "updated_at", association.updatedAt());
        return json;
    }

    static ObjectNode resourceType(ResourceType type) {
        ObjectNode json = Json.object();
        json.put("name", type.name());
        putTime(json, "created_at", type.createdAt());
        putTime(json, "updated_at", type.updatedAt());
        return json;
    }

    /** A map of property definitions by name. */
    static ObjectNode properties(List<MetadefProperty> properties, String prefix) {
        ObjectNode json = Json.object();
        for (MetadefProperty property : properties) {
            json.set(prefix + property.name(), property(property));
        }
        return json;
    }

    static ObjectNode property(MetadefProperty property) {
        return PropertyDefinitions.normalise(PropertyDefinitions.parseStored(property.definitionJson()));
    }

    /** A standalone property answer: the definition with its {@code name}. */
    static ObjectNode propertyWithName(MetadefProperty property) {
        ObjectNode json = property(property);
        json.put("name", property.name());
        return json;
    }

    /** An object read back from the database: {@code required} and {@code properties} always present. */
    static ObjectNode object(String namespace, MetadefObject object, String prefix) {
        ObjectNode json = Json.object();
        json.put("name", object.name());
        putIfSet(json, "description", object.description());
        ArrayNode required = json.putArray("required");
        object.required().forEach(name -> required.add(prefix + name));
        json.set("properties", PropertyDefinitions.renderMap(object.propertiesJson(), prefix));
        putTime(json, "created_at", object.createdAt());
        putTime(json, "updated_at", object.updatedAt());
        json.put("self", self(namespace) + "/objects/" + object.name());
        json.put("schema", "/v2/schemas/metadefs/object");
        return json;
    }

    static ObjectNode tag(MetadefTag tag) {
        ObjectNode json = Json.object();
        json.put("name", tag.name());
        putTime(json, "created_at", tag.createdAt());
        putTime(json, "updated_at", tag.updatedAt());
        return json;
    }

    static ObjectNode tagNames(List<MetadefTag> tags) {
        ObjectNode json = Json.object();
        ArrayNode array = json.putArray("tags");
        tags.forEach(tag -> array.addObject().put("name", tag.name()));
        return json;
    }

    private static void putIfSet(ObjectNode json, String key, String value) {
        if (value != null) {
            json.put(key, value);
        }
    }

    private static void putTime(ObjectNode json, String key, Instant value) {
        if (value != null) {
            json.put(key, MetadefTimes.format(value));
        }
    }
}
