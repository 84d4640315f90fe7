package io.glance.adapters.db;

import io.glance.adapters.db.MetadefRows.MdAssociationRow;
import io.glance.adapters.db.MetadefRows.MdNamespaceRow;
import io.glance.adapters.db.MetadefRows.MdObjectRow;
import io.glance.adapters.db.MetadefRows.MdPropertyRow;
import io.glance.adapters.db.MetadefRows.MdResourceTypeRow;
import io.glance.adapters.db.MetadefRows.MdTagRow;
import io.glance.domain.ConflictException;
import io.glance.domain.NotFoundException;
import io.glance.domain.metadef.MetadefNamespace;
import io.glance.domain.metadef.MetadefObject;
import io.glance.domain.metadef.MetadefProperty;
import io.glance.domain.metadef.MetadefTag;
import io.glance.domain.metadef.NamespaceContents;
import io.glance.domain.metadef.NamespaceDocument;
import io.glance.domain.metadef.ResourceType;
import io.glance.domain.metadef.ResourceTypeAssociation;
import io.glance.ports.out.metadef.MetadefRepository;
import io.glance.ports.out.metadef.NamespaceQuery;
import io.glance.ports.out.metadef.TagQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@link MetadefRepository} on MyBatis: one transaction per method, duplicate keys turned into
 * {@link ConflictException}s that name the duplicate. Children get {@code updated_at} equal to their namespace's
 * on a nested create (so the loader's rows have none, as in Glance) and the time of the change otherwise.
 */
final class MyBatisMetadefRepository implements MetadefRepository {
    /** Children before parents, so that the delete needs no cascade. */
    private static final List<String> TABLES = List.of("metadef_namespace_resource_types", "metadef_objects",
            "metadef_properties", "metadef_tags", "metadef_namespaces", "metadef_resource_types");

    private final Transactions transactions;

    MyBatisMetadefRepository(Transactions transactions) {
        this.transactions = requireNonNull(transactions, "transactions is null");
    }

    @Override
    public void createNamespace(NamespaceDocument document, boolean protectNewResourceTypes, Instant now) {
        MetadefNamespace namespace = document.namespace();
        String name = namespace.namespace();
        transactions.run("create metadef namespace " + name, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            unique(() -> mapper.insertNamespace(MdNamespaceRow.of(namespace)),
                    "Metadata definition namespace=" + name + " already exists.");
            int id = mapper.selectNamespace(name).id();
            Instant updated = namespace.updatedAt();
            NamespaceContents contents = document.contents();
            for (ResourceTypeAssociation association : contents.associations()) {
                insertAssociation(mapper, name, id, association, protectNewResourceTypes, now, updated);
            }
            for (MetadefObject object : contents.objects()) {
                unique(() -> mapper.insertObject(MdObjectRow.of(id, object, now, updated)),
                        duplicate("object", object.name(), name));
            }
            for (MetadefTag tag : contents.tags()) {
                unique(() -> mapper.insertTag(new MdTagRow(id, tag.name(), now, updated)),
                        duplicate("tag", tag.name(), name));
            }
            for (MetadefProperty property : contents.properties()) {
                unique(() -> mapper.insertProperty(new MdPropertyRow(id, property.name(), property.definitionJson(),
                        now, updated)), duplicate("property", property.name(), name));
            }
            return null;
        });
    }

    @Override
    public Optional<MetadefNamespace> findNamespace(String namespace) {
        return transactions.run("find metadef namespace " + namespace, session ->
                Optional.ofNullable(session.getMapper(MetadefMapper.class).selectNamespace(namespace))
                        .map(MdNamespaceRow::toNamespace));
    }

    @Override
    public List<MetadefNamespace> listNamespaces(NamespaceQuery query) {
        return transactions.run("list metadef namespaces", session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            Integer markerId = null;
            if (query.marker() != null) {
                markerId = namespaceId(mapper, query.marker());
            }
            if (query.limit() == 0) {
                return List.of();
            }
            return mapper.selectNamespacePage(new MetadefPageStatement(query.seesAll(), query.project(),
                            query.visibility(), query.resourceTypes(), null, markerId,
                            MetadefKeyset.of(query.sortKey(), query.sortDirection()), query.limit()))
                    .stream().map(MdNamespaceRow::toNamespace).toList();
        });
    }

    @Override
    public Map<String, List<ResourceTypeAssociation>> associationsOf(List<String> namespaces) {
        if (namespaces.isEmpty()) {
            return Map.of();
        }
        return transactions.run("list metadef resource type associations", session -> {
            Map<String, List<ResourceTypeAssociation>> byNamespace = new LinkedHashMap<>();
            for (MdAssociationRow row : session.getMapper(MetadefMapper.class).selectAssociations(namespaces)) {
                byNamespace.computeIfAbsent(row.namespace(), key -> new ArrayList<>()).add(row.toAssociation());
            }
            return byNamespace;
        });
    }

    @Override
    public NamespaceContents contents(String namespace) {
        return transactions.run("read metadef namespace " + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            int id = namespaceId(mapper, namespace);
            return new NamespaceContents(
                    mapper.selectAssociations(List.of(namespace)).stream().map(MdAssociationRow::toAssociation).toList(),
                    mapper.selectObjects(id, null).stream().map(MdObjectRow::toObject).toList(),
                    mapper.selectProperties(id, null).stream().map(MdPropertyRow::toProperty).toList(),
                    mapper.selectTags(id, null).stream().map(MdTagRow::toTag).toList());
        });
    }

    @Override
    public MetadefNamespace updateNamespace(String namespace, MetadefNamespace changed) {
        return transactions.run("update metadef namespace " + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            int id = namespaceId(mapper, namespace);
            unique(() -> mapper.updateNamespace(id, MdNamespaceRow.of(changed)),
                    "Metadata definition namespace=" + changed.namespace() + " already exists.");
            return mapper.selectNamespace(changed.namespace()).toNamespace();
        });
    }

    @Override
    public void deleteNamespace(String namespace) {
        transactions.run("delete metadef namespace " + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            int id = namespaceId(mapper, namespace);
            mapper.deleteAssociations(id);
            mapper.deleteObjects(id, null);
            mapper.deleteProperties(id, null);
            mapper.deleteTags(id, null);
            mapper.deleteNamespace(id);
            return null;
        });
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return transactions.run("list metadef resource types", session ->
                session.getMapper(MetadefMapper.class).selectResourceTypes().stream()
                        .map(MdResourceTypeRow::toResourceType).toList());
    }

    @Override
    public List<ResourceTypeAssociation> associations(String namespace) {
        return transactions.run("list resource types of metadef namespace " + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            namespaceId(mapper, namespace);
            return mapper.selectAssociations(List.of(namespace)).stream().map(MdAssociationRow::toAssociation).toList();
        });
    }

    @Override
    public ResourceTypeAssociation addAssociation(String namespace, ResourceTypeAssociation association,
                                                  Instant now) {
        return transactions.run("associate metadef namespace " + namespace + " with " + association.name(),
                session -> {
                    MetadefMapper mapper = session.getMapper(MetadefMapper.class);
                    int id = namespaceId(mapper, namespace);
                    insertAssociation(mapper, namespace, id, association, false, now, now);
                    return mapper.selectAssociations(List.of(namespace)).stream()
                            .filter(row -> row.name().equals(association.name()))
                            .findFirst().orElseThrow().toAssociation();
                });
    }

    private static void insertAssociation(MetadefMapper mapper, String namespace, int namespaceId,
                                          ResourceTypeAssociation association, boolean protectNew, Instant now,
                                          Instant updated) {
        MdResourceTypeRow type = mapper.selectResourceType(association.name());
        if (type == null) {
            // Glance creates resource types on first use; a concurrent creator wins the unique key and we retry.
            unique(() -> mapper.insertResourceType(association.name(), protectNew, now, updated),
                    "Resource type " + association.name() + " was created concurrently; retry");
            type = mapper.selectResourceType(association.name());
        }
        int typeId = type.id();
        unique(() -> mapper.insertAssociation(typeId, namespaceId, association.prefix(),
                        association.propertiesTarget(), now, updated),
                "Resource type association " + association.name() + " already exists for namespace " + namespace
                        + ".");
    }

    @Override
    public void removeAssociation(String namespace, String resourceType) {
        transactions.run("remove resource type " + resourceType + " from metadef namespace " + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            int id = namespaceId(mapper, namespace);
            MdResourceTypeRow type = mapper.selectResourceType(resourceType);
            if (type == null || mapper.deleteAssociation(type.id(), id) == 0) {
                throw new NotFoundException("Metadata definition resource-type-association " + resourceType
                        + " was not found in namespace " + namespace + ".");
            }
            return null;
        });
    }

    @Override
    public MetadefObject addObject(String namespace, MetadefObject object, Instant now) {
        return transactions.run("add object " + object.name() + " to metadef namespace " + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            int id = namespaceId(mapper, namespace);
            unique(() -> mapper.insertObject(MdObjectRow.of(id, object, now, now)),
                    duplicate("object", object.name(), namespace));
            return mapper.selectObjects(id, object.name()).get(0).toObject();
        });
    }

    @Override
    public Optional<MetadefObject> findObject(String namespace, String name) {
        return transactions.run("find object " + name + " of metadef namespace " + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            return mapper.selectObjects(namespaceId(mapper, namespace), name).stream()
                    .findFirst().map(MdObjectRow::toObject);
        });
    }

    @Override
    public List<MetadefObject> objects(String namespace) {
        return transactions.run("list objects of metadef namespace " + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            return mapper.selectObjects(namespaceId(mapper, namespace), null).stream()
                    .map(MdObjectRow::toObject).toList();
        });
    }

    @Override
    public MetadefObject updateObject(String namespace, String name, MetadefObject changed, Instant now) {
        return transactions.run("update object " + name + " of metadef namespace " + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            int id = namespaceId(mapper, namespace);
            List<MdObjectRow> current = mapper.selectObjects(id, name);
            if (current.isEmpty()) {
                throw missing("object", name, namespace);
            }
            unique(() -> mapper.updateObject(name, MdObjectRow.of(id, changed, current.get(0).createdAt(), now)),
                    duplicate("object", changed.name(), namespace));
            return mapper.selectObjects(id, changed.name()).get(0).toObject();
        });
    }

    @Override
    public void deleteObject(String namespace, String name) {
        deleteChild("object", namespace, name, MetadefMapper::deleteObjects);
    }

    @Override
    public void deleteObjects(String namespace) {
        deleteChild("object", namespace, null, MetadefMapper::deleteObjects);
    }

    @Override
    public void addProperty(String namespace, MetadefProperty property, Instant now) {
        transactions.run("add property " + property.name() + " to metadef namespace " + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            int id = namespaceId(mapper, namespace);
            unique(() -> mapper.insertProperty(new MdPropertyRow(id, property.name(), property.definitionJson(), now,
                    now)), duplicate("property", property.name(), namespace));
            return null;
        });
    }

    @Override
    public Optional<MetadefProperty> findProperty(String namespace, String name) {
        return transactions.run("find property " + name + " of metadef namespace " + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            return mapper.selectProperties(namespaceId(mapper, namespace), name).stream()
                    .findFirst().map(MdPropertyRow::toProperty);
        });
    }

    @Override
    public List<MetadefProperty> properties(String namespace) {
        return transactions.run("list properties of metadef namespace " + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            return mapper.selectProperties(namespaceId(mapper, namespace), null).stream()
                    .map(MdPropertyRow::toProperty).toList();
        });
    }

    @Override
    public void updateProperty(String namespace, String name, MetadefProperty changed, Instant now) {
        transactions.run("update property " + name + " of metadef namespace " + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            int id = namespaceId(mapper, namespace);
            List<MdPropertyRow> current = mapper.selectProperties(id, name);
            if (current.isEmpty()) {
                throw missing("property", name, namespace);
            }
            unique(() -> mapper.updateProperty(name, new MdPropertyRow(id, changed.name(), changed.definitionJson(),
                    current.get(0).createdAt(), now)), duplicate("property", changed.name(), namespace));
            return null;
        });
    }

    @Override
    public void deleteProperty(String namespace, String name) {
        deleteChild("property", namespace, name, MetadefMapper::deleteProperties);
    }

    @Override
    public void deleteProperties(String namespace) {
        deleteChild("property", namespace, null, MetadefMapper::deleteProperties);
    }

    @Override
    public List<MetadefTag> addTags(String namespace, List<MetadefTag> tags, boolean append, Instant now) {
        return transactions.run("add tags to metadef namespace " + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            int id = namespaceId(mapper, namespace);
            if (!append) {
                mapper.deleteTags(id, null);
            }
            List<MetadefTag> stored = new ArrayList<>();
            for (MetadefTag tag : tags) {
                unique(() -> mapper.insertTag(new MdTagRow(id, tag.name(), now, now)),
                        duplicate("tag", tag.name(), namespace));
                stored.add(new MetadefTag(tag.name(), now, now));
            }
            return stored;
        });
    }

    @Override
    public Optional<MetadefTag> findTag(String namespace, String name) {
        return transactions.run("find tag " + name + " of metadef namespace " + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            return mapper.selectTags(namespaceId(mapper, namespace), name).stream().findFirst().map(MdTagRow::toTag);
        });
    }

    @Override
    public List<MetadefTag> tags(String namespace, TagQuery query) {
        return transactions.run("list tags of metadef namespace " + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            int id = namespaceId(mapper, namespace);
            Integer markerId = null;
            if (query.marker() != null) {
                markerId = mapper.selectTagId(id, query.marker());
                if (markerId == null) {
                    throw missing("tag", query.marker(), namespace);
                }
            }
            if (query.limit() != null && query.limit() == 0) {
                return List.of();
            }
            return mapper.selectTagPage(new MetadefPageStatement(true, null, null, List.of(), id, markerId,
                    MetadefKeyset.of(query.sortKey(), query.sortDirection()), query.limit()))
                    .stream().map(MdTagRow::toTag).toList();
        });
    }

    @Override
    public MetadefTag updateTag(String namespace, String name, MetadefTag changed, Instant now) {
        return transactions.run("update tag " + name + " of metadef namespace " + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            int id = namespaceId(mapper, namespace);
            List<MdTagRow> current = mapper.selectTags(id, name);
            if (current.isEmpty()) {
                throw missing("tag", name, namespace);
            }
            unique(() -> mapper.updateTag(name, new MdTagRow(id, changed.name(), current.get(0).createdAt(), now)),
                    duplicate("tag", changed.name(), namespace));
            return mapper.selectTags(id, changed.name()).get(0).toTag();
        });
    }

    @Override
    public void deleteTag(String namespace, String name) {
        deleteChild("tag", namespace, name, MetadefMapper::deleteTags);
    }

    @Override
    public void deleteTags(String namespace) {
        deleteChild("tag", namespace, null, MetadefMapper::deleteTags);
    }

    @Override
    public void deleteAll() {
        transactions.run("delete the metadef catalog", session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            TABLES.forEach(mapper::deleteEverything);
            return null;
        });
    }

    private interface ChildDelete {
        int delete(MetadefMapper mapper, int namespaceId, String name);
    }

    /** Deletes one child ({@code name} given; missing is a 404) or all children of a kind ({@code name} null). */
    private void deleteChild(String kind, String namespace, String name, ChildDelete delete) {
        transactions.run("delete " + (name == null ? "every " + kind : kind + " " + name) + " of metadef namespace "
                + namespace, session -> {
            MetadefMapper mapper = session.getMapper(MetadefMapper.class);
            int deleted = delete.delete(mapper, namespaceId(mapper, namespace), name);
            if (name != null && deleted == 0) {
                throw missing(kind, name, namespace);
            }
            return null;
        });
    }

    private static int namespaceId(MetadefMapper mapper, String namespace) {
        MdNamespaceRow row = mapper.selectNamespace(namespace);
        if (row == null) {
            throw new NotFoundException("Metadata definition namespace=" + namespace + " was not found.");
        }
        return row.id();
    }

    /** Runs an insert or update; a duplicate key becomes a conflict with {@code message}. */
    private static void unique(Runnable statement, String message) {
        try {
            statement.run();
        } catch (RuntimeException e) {
            if (DatabaseFailures.isDuplicateKey(e)) {
                throw new ConflictException(message, e);
            }
            throw e;
        }
    }

    private static String duplicate(String kind, String name, String namespace) {
        return "A metadata definition " + kind + " with name=" + name + " already exists in namespace=" + namespace
                + ".";
    }

    private static NotFoundException missing(String kind, String name, String namespace) {
        return new NotFoundException("Metadata definition " + kind + " " + name + " was not found in namespace "
                + namespace + ".");
    }
}
