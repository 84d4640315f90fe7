package io.glance.adapters.db;

import io.glance.domain.metadef.MetadefNamespace;
import io.glance.domain.metadef.MetadefObject;
import io.glance.domain.metadef.MetadefProperty;
import io.glance.domain.metadef.MetadefTag;
import io.glance.domain.metadef.ResourceType;
import io.glance.domain.metadef.ResourceTypeAssociation;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The rows of the six catalog tables and their conversion to and from the domain. */
final class MetadefRows {

    private MetadefRows() {
    }

    record MdNamespaceRow(Integer id, String namespace, String displayName, String description, String visibility,
                        Boolean isProtected, String owner, Instant createdAt, Instant updatedAt) {

        static MdNamespaceRow of(MetadefNamespace namespace) {
            return new MdNamespaceRow(null, namespace.namespace(), namespace.displayName(), namespace.description(),
                    namespace.visibility(), namespace.isProtected(), namespace.owner(), namespace.createdAt(),
                    namespace.updatedAt());
        }

        MetadefNamespace toNamespace() {
            return new MetadefNamespace(namespace, displayName, description, visibility, isProtected, owner,
                    createdAt, updatedAt);
        }
    }

    record MdObjectRow(Integer namespaceId, String name, String description, String requiredNames, String jsonSchema,
                     Instant createdAt, Instant updatedAt) {

        static MdObjectRow of(int namespaceId, MetadefObject object, Instant createdAt, Instant updatedAt) {
            // Comma-joined as Glance stores it; names containing commas do not survive, there as here.
            String required = object.required().isEmpty() ? null : String.join(",", object.required());
            return new MdObjectRow(namespaceId, object.name(), object.description(), required,
                    object.propertiesJson(), createdAt, updatedAt);
        }

        MetadefObject toObject() {
            List<String> required = requiredNames == null || requiredNames.isEmpty() ? List.of()
                    : Arrays.asList(requiredNames.split(","));
            return new MetadefObject(name, description, required, jsonSchema, createdAt, updatedAt);
        }
    }

    record MdPropertyRow(Integer namespaceId, String name, String jsonSchema, Instant createdAt, Instant updatedAt) {

        MetadefProperty toProperty() {
            return new MetadefProperty(name, jsonSchema);
        }
    }

    record MdTagRow(Integer namespaceId, String name, Instant createdAt, Instant updatedAt) {

        MetadefTag toTag() {
            return new MetadefTag(name, createdAt, updatedAt);
        }
    }

    record MdResourceTypeRow(Integer id, String name, Boolean isProtected, Instant createdAt, Instant updatedAt) {

        ResourceType toResourceType() {
            return new ResourceType(name, Boolean.TRUE.equals(isProtected), createdAt, updatedAt);
        }
    }

    record MdAssociationRow(String namespace, String name, String prefix, String propertiesTarget, Instant createdAt,
                          Instant updatedAt) {

        ResourceTypeAssociation toAssociation() {
            return new ResourceTypeAssociation(name, prefix, propertiesTarget, createdAt, updatedAt);
        }
    }
}
