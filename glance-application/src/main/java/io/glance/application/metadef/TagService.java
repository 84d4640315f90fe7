package io.glance.application.metadef;

import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.metadef.MetadefNamespace;
import io.glance.domain.metadef.MetadefTag;
import io.glance.ports.in.metadef.MetadefTags;
import io.glance.ports.out.metadef.MetadefRepository;
import io.glance.ports.out.metadef.TagQuery;

import java.time.Clock;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Tags of a namespace: bulk replace or append, single create, rename, delete. */
final class TagService implements MetadefTags {
    private final MetadefRepository repository;
    private final MetadefAccess access;
    private final Clock clock;

    TagService(MetadefRepository repository, MetadefAccess access, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public List<MetadefTag> createAll(RequestContext context, String namespace, List<String> names, boolean append) {
        access.writable(context, namespace, "add_metadef_tags");
        List<MetadefTag> tags = names.stream().map(MetadefTag::named).toList();
        if (tags.isEmpty()) {
            // Glance returns early: an empty list replaces nothing.
            return List.of();
        }
        return repository.addTags(namespace, tags, append, MetadefTime.now(clock));
    }

    @Override
    public MetadefTag create(RequestContext context, String namespace, String name) {
        access.writable(context, namespace, "add_metadef_tag");
        return repository.addTags(namespace, List.of(MetadefTag.named(name)), true, MetadefTime.now(clock)).get(0);
    }

    @Override
    public List<MetadefTag> list(RequestContext context, String namespace, TagQuery query) {
        access.readable(context, namespace, "get_metadef_tags");
        return repository.tags(namespace, query);
    }

    @Override
    public MetadefTag show(RequestContext context, String namespace, String name) {
        access.readable(context, namespace, "get_metadef_tag");
        return repository.findTag(namespace, name).orElseThrow(() -> missing(namespace, name));
    }

    @Override
    public MetadefTag update(RequestContext context, String namespace, String name, String newName) {
        access.writable(context, namespace, "modify_metadef_tag");
        return repository.updateTag(namespace, name, MetadefTag.named(newName), MetadefTime.now(clock));
    }

    @Override
    public void delete(RequestContext context, String namespace, String name) {
        access.deletable(context, namespace, "delete_metadef_tag", "tag " + name);
        repository.deleteTag(namespace, name);
    }

    @Override
    public void deleteAll(RequestContext context, String namespace) {
        MetadefNamespace found = access.deletable(context, namespace, "delete_metadef_namespace", "its tags");
        access.check(context, "delete_metadef_tags", found);
        repository.deleteTags(namespace);
    }

    static NotFoundException missing(String namespace, String name) {
        return new NotFoundException("Metadata definition tag " + name + " was not found in namespace "
                + namespace + ".");
    }
}
