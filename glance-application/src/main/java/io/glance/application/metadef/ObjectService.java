package io.glance.application.metadef;

import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.metadef.MetadefObject;
import io.glance.ports.in.metadef.MetadefObjects;
import io.glance.ports.out.metadef.MetadefRepository;

import java.time.Clock;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Objects of a namespace: admin writes, deletes refused in protected namespaces. */
final class ObjectService implements MetadefObjects {
    private final MetadefRepository repository;
    private final MetadefAccess access;
    private final Clock clock;

    ObjectService(MetadefRepository repository, MetadefAccess access, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public MetadefObject create(RequestContext context, String namespace, MetadefObject object) {
        access.writable(context, namespace, "add_metadef_object");
        return repository.addObject(namespace, object, MetadefTime.now(clock));
    }

    @Override
    public List<MetadefObject> list(RequestContext context, String namespace) {
        access.readable(context, namespace, "get_metadef_objects");
        return repository.objects(namespace);
    }

    @Override
    public MetadefObject show(RequestContext context, String namespace, String name) {
        access.readable(context, namespace, "get_metadef_object");
        return repository.findObject(namespace, name).orElseThrow(() -> missing(namespace, name));
    }

    @Override
    public MetadefObject update(RequestContext context, String namespace, String name, MetadefObject replacement) {
        access.writable(context, namespace, "modify_metadef_object");
        return repository.updateObject(namespace, name, replacement, MetadefTime.now(clock));
    }

    @Override
    public void delete(RequestContext context, String namespace, String name) {
        access.deletable(context, namespace, "delete_metadef_object", "object " + name);
        repository.deleteObject(namespace, name);
    }

    @Override
    public void deleteAll(RequestContext context, String namespace) {
        access.deletable(context, namespace, "delete_metadef_namespace", "its objects");
        repository.deleteObjects(namespace);
    }

    static NotFoundException missing(String namespace, String name) {
        return new NotFoundException("Metadata definition object " + name + " was not found in namespace "
                + namespace + ".");
    }
}
