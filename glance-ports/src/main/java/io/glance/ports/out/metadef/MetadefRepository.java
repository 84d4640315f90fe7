package io.glance.ports.out.metadef;

import io.glance.domain.metadef.MetadefNamespace;
import io.glance.domain.metadef.MetadefObject;
import io.glance.domain.metadef.MetadefProperty;
import io.glance.domain.metadef.MetadefTag;
import io.glance.domain.metadef.NamespaceContents;
import io.glance.domain.metadef.NamespaceDocument;
import io.glance.domain.metadef.ResourceType;
import io.glance.domain.metadef.ResourceTypeAssociation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the metadata definitions catalog lives. Namespaces are addressed by name, their children by namespace name
 * and their own name. Every method is one transaction. Like {@code ImageRepository}, implementations let no SQL or
 * driver exception cross: {@link io.glance.domain.ConflictException} for a name that is taken,
 * {@link io.glance.domain.NotFoundException} (naming what is missing) for a namespace or child that does not exist,
 * {@link io.glance.domain.ServiceUnavailableException} when the database cannot be reached. Visibility and
 * {@code protected} are the caller's business: the repository stores and deletes what it is told.
 */
public interface MetadefRepository {

    /**
     * Stores a namespace with everything inside it, all or nothing. Resource types the associations name that do
     * not exist yet are created with {@code protectNewResourceTypes}.
     *
     * @throws io.glance.domain.ConflictException when the namespace exists or two children share a name
     */
    void createNamespace(NamespaceDocument document, boolean protectNewResourceTypes, Instant now);

    Optional<MetadefNamespace> findNamespace(String namespace);

    /** @throws io.glance.domain.NotFoundException when the marker does not exist (the caller checks visibility) */
    List<MetadefNamespace> listNamespaces(NamespaceQuery query);

    /** The associations of each of the given namespaces (absent keys have none). */
    Map<String, List<ResourceTypeAssociation>> associationsOf(List<String> namespaces);

    /** Everything inside a namespace; objects and tags in creation order, properties by name. */
    NamespaceContents contents(String namespace);

    /**
     * Replaces the namespace's own fields (not its children; it may be renamed).
     *
     * @return the stored namespace
     * @throws io.glance.domain.ConflictException when renamed to a name that is taken
     */
    MetadefNamespace updateNamespace(String namespace, MetadefNamespace changed);

    /** Deletes the namespace with all its children and associations (the resource types stay). */
    void deleteNamespace(String namespace);

    List<ResourceType> resourceTypes();

    List<ResourceTypeAssociation> associations(String namespace);

    /**
     * @return the stored association
     * @throws io.glance.domain.ConflictException when the namespace is already associated with that type
     */
    ResourceTypeAssociation addAssociation(String namespace, ResourceTypeAssociation association, Instant now);

    void removeAssociation(String namespace, String resourceType);

    MetadefObject addObject(String namespace, MetadefObject object, Instant now);

    Optional<MetadefObject> findObject(String namespace, String name);

    List<MetadefObject> objects(String namespace);

    MetadefObject updateObject(String namespace, String name, MetadefObject changed, Instant now);

    void deleteObject(String namespace, String name);

    void deleteObjects(String namespace);

    void addProperty(String namespace, MetadefProperty property, Instant now);

    Optional<MetadefProperty> findProperty(String namespace, String name);

    List<MetadefProperty> properties(String namespace);

    void updateProperty(String namespace, String name, MetadefProperty changed, Instant now);

    void deleteProperty(String namespace, String name);

    void deleteProperties(String namespace);

    /**
     * Adds tags, all or nothing; with {@code append} false the namespace's tags are replaced by them.
     *
     * @return the stored tags, in the given order
     * @throws io.glance.domain.ConflictException when a name repeats, or (appending) a tag exists
     */
    List<MetadefTag> addTags(String namespace, List<MetadefTag> tags, boolean append, Instant now);

    Optional<MetadefTag> findTag(String namespace, String name);

    /** @throws io.glance.domain.NotFoundException when the marker is not a tag of the namespace */
    List<MetadefTag> tags(String namespace, TagQuery query);

    MetadefTag updateTag(String namespace, String name, MetadefTag changed, Instant now);

    void deleteTag(String namespace, String name);

    void deleteTags(String namespace);

    /** Deletes the whole catalog, resource types included ({@code glance-manage db unload_metadefs}). */
    void deleteAll();
}
