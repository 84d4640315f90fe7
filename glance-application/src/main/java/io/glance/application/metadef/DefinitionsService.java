package io.glance.application.metadef;

import io.glance.domain.metadef.MetadefNamespace;
import io.glance.domain.metadef.MetadefObject;
import io.glance.domain.metadef.MetadefProperty;
import io.glance.domain.metadef.MetadefTag;
import io.glance.domain.metadef.NamespaceContents;
import io.glance.domain.metadef.NamespaceDocument;
import io.glance.domain.metadef.ResourceTypeAssociation;
import io.glance.ports.in.metadef.LoadMode;
import io.glance.ports.in.metadef.LoadResult;
import io.glance.ports.in.metadef.MetadefDefinitions;
import io.glance.ports.in.metadef.NewNamespace;
import io.glance.ports.out.metadef.MetadefRepository;
import io.glance.ports.out.metadef.NamespaceQuery;
import io.glance.ports.out.metadef.NamespaceSortKey;
import io.glance.ports.out.metadef.SortDirection;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * {@code glance-manage db load_metadefs / unload_metadefs / export_metadefs}, with the meanings of Glance's loader:
 * rows it makes have no {@code updated_at}, owner {@code admin} unless the file names one, and the resource types it
 * has to create are protected.
 */
final class DefinitionsService implements MetadefDefinitions {
    static final String LOADER_OWNER = "admin";
    private static final int PAGE = 1000;

    private final MetadefRepository repository;
    private final Clock clock;

    DefinitionsService(MetadefRepository repository, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public LoadResult load(List<NewNamespace> documents, LoadMode mode) {
        List<String> created = new ArrayList<>();
        List<String> merged = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (NewNamespace document : documents) {
            Instant now = MetadefTime.now(clock);
            String name = document.namespace();
            Optional<MetadefNamespace> existing = repository.findNamespace(name);
            if (existing.isEmpty()) {
                repository.createNamespace(toDocument(document, now), true, now);
                created.add(name);
                continue;
            }
            switch (mode) {
                case SKIP_EXISTING -> skipped.add(name);
                case OVERWRITE -> {
                    repository.deleteNamespace(name);
                    repository.createNamespace(toDocument(document, now), true, now);
                    replaced.add(name);
                }
                case MERGE, MERGE_PREFER_NEW -> {
                    merge(existing.get(), document, mode == LoadMode.MERGE_PREFER_NEW, now);
                    merged.add(name);
                }
            }
        }
        return new LoadResult(created, merged, replaced, skipped);
    }

    private void merge(MetadefNamespace existing, NewNamespace document, boolean preferNew, Instant now) {
        String name = existing.namespace();
        if (preferNew) {
            MetadefNamespace fields = toNamespace(document, existing.createdAt());
            repository.updateNamespace(name, new MetadefNamespace(fields.namespace(), fields.displayName(),
                    fields.description(), fields.visibility(), fields.isProtected(), fields.owner(),
                    existing.createdAt(), now));
        }
        NamespaceContents current = repository.contents(name);
        NamespaceContents incoming = document.contents();
        Set<String> associated = names(current.associations().stream().map(ResourceTypeAssociation::name));
        for (ResourceTypeAssociation association : incoming.associations()) {
            if (!associated.contains(association.name())) {
                repository.addAssociation(name, association, now);
            } else if (preferNew) {
                repository.removeAssociation(name, association.name());
                repository.addAssociation(name, association, now);
            }
        }
        Set<String> objects = names(current.objects().stream().map(MetadefObject::name));
        for (MetadefObject object : incoming.objects()) {
            if (!objects.contains(object.name())) {
                repository.addObject(name, object, now);
            } else if (preferNew) {
                repository.updateObject(name, object.name(), object, now);
            }
        }
        Set<String> properties = names(current.properties().stream().map(MetadefProperty::name));
        for (MetadefProperty property : incoming.properties()) {
            if (!properties.contains(property.name())) {
                repository.addProperty(name, property, now);
            } else if (preferNew) {
                repository.updateProperty(name, property.name(), property, now);
            }
        }
        Set<String> tags = names(current.tags().stream().map(MetadefTag::name));
        List<MetadefTag> missingTags = incoming.tags().stream().filter(tag -> !tags.contains(tag.name())).toList();
        if (!missingTags.isEmpty()) {
            repository.addTags(name, missingTags, true, now);
        }
    }

    private static Set<String> names(java.util.stream.Stream<String> names) {
        return names.collect(Collectors.toSet());
    }

    private static NamespaceDocument toDocument(NewNamespace document, Instant now) {
        return new NamespaceDocument(toNamespace(document, now), document.contents());
    }

    /** Visibility and protected stay null when the file has none, as Glance's loader leaves them. */
    private static MetadefNamespace toNamespace(NewNamespace document, Instant createdAt) {
        return new MetadefNamespace(document.namespace(), document.displayName(), document.description(),
                document.visibility(), document.isProtected(),
                document.owner() == null ? LOADER_OWNER : document.owner(), createdAt, null);
    }

    @Override
    public void unload() {
        repository.deleteAll();
    }

    @Override
    public List<NamespaceDocument> export() {
        List<NamespaceDocument> documents = new ArrayList<>();
        String marker = null;
        while (true) {
            List<MetadefNamespace> page = repository.listNamespaces(new NamespaceQuery(true, null, null, List.of(),
                    marker, PAGE, NamespaceSortKey.NAMESPACE, SortDirection.ASC));
            for (MetadefNamespace namespace : page) {
                documents.add(new NamespaceDocument(namespace, repository.contents(namespace.namespace())));
            }
            if (page.size() < PAGE) {
                return documents;
            }
            marker = page.get(page.size() - 1).namespace();
        }
    }
}
