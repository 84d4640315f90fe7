package io.glance.ports.in.metadef;

import io.glance.domain.RequestContext;
import io.glance.domain.metadef.ResourceType;
import io.glance.domain.metadef.ResourceTypeAssociation;

import java.util.List;

/** /v2/metadefs/resource_types and /v2/metadefs/namespaces/{ns}/resource_types[/{rt}]. */
public interface MetadefResourceTypes {

    List<ResourceType> list(RequestContext context);

    List<ResourceTypeAssociation> associations(RequestContext context, String namespace);

    /** Creates the resource type too when none of that name exists. */
    ResourceTypeAssociation associate(RequestContext context, String namespace, ResourceTypeAssociation association);

    void dissociate(RequestContext context, String namespace, String resourceType);
}
