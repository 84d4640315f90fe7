package io.glance.application.metadef;

import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.metadef.MetadefProperty;
import io.glance.domain.metadef.ResourceTypeAssociation;
import io.glance.ports.in.metadef.MetadefProperties;
import io.glance.ports.out.metadef.MetadefRepository;

import java.time.Clock;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Property definitions of a namespace; a show may name the property with a resource type's prefix. */
final class PropertyService implements MetadefProperties {
    private final MetadefRepository repository;
    private final MetadefAccess access;
    private final Clock clock;

    PropertyService(MetadefRepository repository, MetadefAccess access, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public MetadefProperty create(RequestContext context, String namespace, MetadefProperty property) {
        access.writable(context, namespace, "add_metadef_property");
        repository.addProperty(namespace, property, MetadefTime.now(clock));
        return property;
    }

    @Override
    public List<MetadefProperty> list(RequestContext context, String namespace) {
        access.readable(context, namespace, "get_metadef_properties");
        return repository.properties(namespace);
    }

    @Override
    public MetadefProperty show(RequestContext context, String namespace, String name, String resourceType) {
        access.readable(context, namespace, "get_metadef_property");
        String stored = name;
        if (resourceType != null) {
            ResourceTypeAssociation association = repository.associations(namespace).stream()
                    .filter(candidate -> candidate.name().equals(resourceType))
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("Namespace " + namespace
                            + " is not associated with resource type " + resourceType));
            String prefix = association.prefix();
            if (prefix == null || !name.startsWith(prefix)) {
                throw new NotFoundException("Property " + name + " does not start with the prefix '"
                        + (prefix == null ? "" : prefix) + "' of resource type " + resourceType
                        + " in namespace " + namespace);
            }
            stored = name.substring(prefix.length());
        }
        String lookup = stored;
        return repository.findProperty(namespace, lookup).orElseThrow(() -> missing(namespace, lookup));
    }

    @Override
    public MetadefProperty update(RequestContext context, String namespace, String name,
                                  MetadefProperty replacement) {
        access.writable(context, namespace, "modify_metadef_property");
        repository.updateProperty(namespace, name, replacement, MetadefTime.now(clock));
        return replacement;
    }

    @Override
    public void delete(RequestContext context, String namespace, String name) {
        access.deletable(context, namespace, "remove_metadef_property", "property " + name);
        repository.deleteProperty(namespace, name);
    }

    @Override
    public void deleteAll(RequestContext context, String namespace) {
        access.deletable(context, namespace, "delete_metadef_namespace", "its properties");
        repository.deleteProperties(namespace);
    }

    static NotFoundException missing(String namespace, String name) {
        return new NotFoundException("Metadata definition property " + name + " was not found in namespace "
                + namespace + ".");
    }
}
