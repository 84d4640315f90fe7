package io.glance.http;

import io.glance.ports.in.metadef.MetadefNamespaces;
import io.glance.ports.in.metadef.MetadefObjects;
import io.glance.ports.in.metadef.MetadefProperties;
import io.glance.ports.in.metadef.MetadefResourceTypes;
import io.glance.ports.in.metadef.MetadefTags;

import static java.util.Objects.requireNonNull;

/** The use cases of the metadata definitions catalog (/v2/metadefs). */
public record MetadefPorts(MetadefNamespaces namespaces, MetadefObjects objects, MetadefProperties properties,
                           MetadefTags tags, MetadefResourceTypes resourceTypes) {

    public MetadefPorts {
        requireNonNull(namespaces, "namespaces is null");
        requireNonNull(objects, "objects is null");
        requireNonNull(properties, "properties is null");
        requireNonNull(tags, "tags is null");
        requireNonNull(resourceTypes, "resourceTypes is null");
    }
}
