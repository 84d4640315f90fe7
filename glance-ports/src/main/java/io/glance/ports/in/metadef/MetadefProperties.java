package io.glance.ports.in.metadef;

import io.glance.domain.RequestContext;
import io.glance.domain.metadef.MetadefProperty;

import java.util.List;

/** /v2/metadefs/namespaces/{ns}/properties[/{name}]. */
public interface MetadefProperties {

    MetadefProperty create(RequestContext context, String namespace, MetadefProperty property);

    List<MetadefProperty> list(RequestContext context, String namespace);

    /**
     * @param resourceType null, or a resource type the namespace is associated with: then {@code name} carries that
     *                     association's prefix, which is stripped before the lookup
     */
    MetadefProperty show(RequestContext context, String namespace, String name, String resourceType);

    /** Full replacement, may rename. */
    MetadefProperty update(RequestContext context, String namespace, String name, MetadefProperty replacement);

    void delete(RequestContext context, String namespace, String name);

    void deleteAll(RequestContext context, String namespace);
}
