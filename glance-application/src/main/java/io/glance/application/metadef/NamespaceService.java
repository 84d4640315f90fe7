package io.glance.application.metadef;

import io.glance.domain.ForbiddenException;
import io.glance.domain.RequestContext;
import io.glance.domain.metadef.MetadefNamespace;
import io.glance.domain.metadef.NamespaceContents;
import io.glance.domain.metadef.NamespaceDocument;
import io.glance.ports.in.metadef.MetadefNamespaces;
import io.glance.ports.in.metadef.NamespaceListCommand;
import io.glance.ports.in.metadef.NamespacePage;
import io.glance.ports.in.metadef.NewNamespace;
import io.glance.ports.out.metadef.MetadefRepository;
import io.glance.ports.out.metadef.NamespaceQuery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Namespace list, create (with nested children, in one transaction), show, full-replacement update and delete. */
final class NamespaceService implements MetadefNamespaces {
    private final MetadefRepository repository;
    private final MetadefAccess access;
    private final Clock clock;

    NamespaceService(MetadefRepository repository, MetadefAccess access, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public NamespacePage list(RequestContext context, NamespaceListCommand command) {
        access.check(context, "get_metadef_namespaces", context.projectId(), null);
        access.check(context, "list_metadef_resource_types", context.projectId(), null);
        if (command.marker() != null) {
            MetadefNamespace marker = repository.findNamespace(command.marker())
                    .orElseThrow(() -> MetadefAccess.missing(command.marker()));
            if (!access.canSee(context, marker)) {
                // Glance's answer for a marker that exists but is not the caller's.
                throw new ForbiddenException("Forbidden to use namespace " + command.marker() + " as marker");
            }
        }
        List<MetadefNamespace> page = repository.listNamespaces(new NamespaceQuery(access.seesAll(context),
                context.projectId(), command.visibility(), command.resourceTypes(), command.marker(), command.limit(),
                command.sortKey(), command.sortDirection()));
        return new NamespacePage(page, repository.associationsOf(
                page.stream().map(MetadefNamespace::namespace).toList()));
    }

    @Override
    public NamespaceDocument create(RequestContext context, NewNamespace request) {
        Instant now = MetadefTime.now(clock);
        MetadefNamespace namespace = fields(context, request, now, now);
        access.check(context, "add_metadef_namespace", namespace.owner(), namespace.shownVisibility());
        NamespaceContents contents = request.contents();
        // Glance checks the add rule of each nested collection that is not empty.
        if (!contents.associations().isEmpty()) {
            access.check(context, "add_metadef_resource_type_association", namespace);
        }
        if (!contents.objects().isEmpty()) {
            access.check(context, "add_metadef_object", namespace);
        }
        if (!contents.properties().isEmpty()) {
            access.check(context, "add_metadef_property", namespace);
        }
        if (!contents.tags().isEmpty()) {
            access.check(context, "add_metadef_tags", namespace);
        }
        repository.createNamespace(new NamespaceDocument(namespace, contents), false, now);
        return new NamespaceDocument(namespace, repository.contents(namespace.namespace()));
    }

    @Override
    public NamespaceDocument show(RequestContext context, String name) {
        MetadefNamespace namespace = access.readable(context, name, "get_metadef_namespace");
        for (String rule : List.of("list_metadef_resource_types", "get_metadef_objects", "get_metadef_properties",
                "get_metadef_tags")) {
            access.check(context, rule, namespace);
        }
        return new NamespaceDocument(namespace, repository.contents(name));
    }

    @Override
    public MetadefNamespace update(RequestContext context, String name, NewNamespace replacement) {
        MetadefNamespace current = access.writable(context, name, "modify_metadef_namespace");
        return repository.updateNamespace(name,
                fields(context, replacement, current.createdAt(), MetadefTime.now(clock)));
    }

    @Override
    public void delete(RequestContext context, String name) {
        access.deletable(context, name, "delete_metadef_namespace", "it");
        repository.deleteNamespace(name);
    }

    /** Glance's defaults for what the body leaves out; a PUT resets them the same way (full replacement). */
    private static MetadefNamespace fields(RequestContext context, NewNamespace request, Instant createdAt,
                                           Instant updatedAt) {
        String owner = request.owner() != null ? request.owner() : ownerOf(context);
        return new MetadefNamespace(request.namespace(), request.displayName(), request.description(),
                request.visibility() == null ? MetadefNamespace.PRIVATE : request.visibility(),
                request.isProtected() != null && request.isProtected(), owner, createdAt, updatedAt);
    }

    /** Glance's no-auth context has no project; its namespaces then belong to no project (an empty owner). */
    private static String ownerOf(RequestContext context) {
        return context.projectId() == null ? "" : context.projectId();
    }
}
