package io.glance.domain.metadef;

import java.util.List;

/** Everything inside a namespace: what a namespace GET shows, an export writes and a nested create makes. */
public record NamespaceContents(List<ResourceTypeAssociation> associations, List<MetadefObject> objects,
                                List<MetadefProperty> properties, List<MetadefTag> tags) {
    public static final NamespaceContents EMPTY = new NamespaceContents(List.of(), List.of(), List.of(), List.of());

    public NamespaceContents {
        associations = List.copyOf(associations);
        objects = List.copyOf(objects);
        properties = List.copyOf(properties);
        tags = List.copyOf(tags);
    }

    public boolean isEmpty() {
        return associations.isEmpty() && objects.isEmpty() && properties.isEmpty() && tags.isEmpty();
    }
}
