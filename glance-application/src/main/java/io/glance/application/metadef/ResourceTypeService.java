package io.glance.application.metadef;

import io.glance.domain.RequestContext;
import io.glance.domain.metadef.ResourceType;
import io.glance.domain.metadef.ResourceTypeAssociation;
import io.glance.ports.in.metadef.MetadefResourceTypes;
import io.glance.ports.out.metadef.MetadefRepository;

import java.time.Clock;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Resource types (read-only, every one for every caller) and a namespace's associations with them. */
final class ResourceTypeService implements MetadefResourceTypes {
    private final MetadefRepository repository;
    private final MetadefAccess access;
    private final Clock clock;

    ResourceTypeService(MetadefRepository repository, MetadefAccess access, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public List<ResourceType> list(RequestContext context) {
        access.check(context, "list_metadef_resource_types", context.projectId(), null);
        return repository.resourceTypes();
    }

    @Override
    public List<ResourceTypeAssociation> associations(RequestContext context, String namespace) {
        access.readable(context, namespace, "list_metadef_resource_types");
        return repository.associations(namespace);
    }

    @Override
    public ResourceTypeAssociation associate(RequestContext context, String namespace,
                                             ResourceTypeAssociation association) {
        access.writable(context, namespace, "add_metadef_resource_type_association");
        return repository.addAssociation(namespace, association, MetadefTime.now(clock));
    }

    @Override
    public void dissociate(RequestContext context, String namespace, String resourceType) {
        access.deletable(context, namespace, "remove_metadef_resource_type_association",
                "its association with " + resourceType);
        repository.removeAssociation(namespace, resourceType);
    }
}
