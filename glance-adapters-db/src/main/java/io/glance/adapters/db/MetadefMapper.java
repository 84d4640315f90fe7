package io.glance.adapters.db;

import io.glance.adapters.db.MetadefRows.MdAssociationRow;
import io.glance.adapters.db.MetadefRows.MdNamespaceRow;
import io.glance.adapters.db.MetadefRows.MdObjectRow;
import io.glance.adapters.db.MetadefRows.MdPropertyRow;
import io.glance.adapters.db.MetadefRows.MdResourceTypeRow;
import io.glance.adapters.db.MetadefRows.MdTagRow;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;

/** Statements on the six catalog tables (MetadefMapper.xml); children are addressed by their namespace's id. */
interface MetadefMapper {

    MdNamespaceRow selectNamespace(@Param("namespace") String namespace);

    void insertNamespace(@Param("row") MdNamespaceRow row);

    int updateNamespace(@Param("id") int id, @Param("row") MdNamespaceRow row);

    int deleteNamespace(@Param("id") int id);

    List<MdNamespaceRow> selectNamespacePage(MetadefPageStatement statement);

    List<MdAssociationRow> selectAssociations(@Param("namespaces") List<String> namespaces);

    List<MdResourceTypeRow> selectResourceTypes();

    MdResourceTypeRow selectResourceType(@Param("name") String name);

    void insertResourceType(@Param("name") String name, @Param("isProtected") boolean isProtected,
                            @Param("createdAt") Instant createdAt, @Param("updatedAt") Instant updatedAt);

    void insertAssociation(@Param("resourceTypeId") int resourceTypeId, @Param("namespaceId") int namespaceId,
                           @Param("prefix") String prefix, @Param("propertiesTarget") String propertiesTarget,
                           @Param("createdAt") Instant createdAt, @Param("updatedAt") Instant updatedAt);

    int deleteAssociation(@Param("resourceTypeId") int resourceTypeId, @Param("namespaceId") int namespaceId);

    int deleteAssociations(@Param("namespaceId") int namespaceId);

    void insertObject(@Param("row") MdObjectRow row);

    List<MdObjectRow> selectObjects(@Param("namespaceId") int namespaceId, @Param("name") String name);

    int updateObject(@Param("name") String name, @Param("row") MdObjectRow row);

    int deleteObjects(@Param("namespaceId") int namespaceId, @Param("name") String name);

    void insertProperty(@Param("row") MdPropertyRow row);

    List<MdPropertyRow> selectProperties(@Param("namespaceId") int namespaceId, @Param("name") String name);

    int updateProperty(@Param("name") String name, @Param("row") MdPropertyRow row);

    int deleteProperties(@Param("namespaceId") int namespaceId, @Param("name") String name);

    void insertTag(@Param("row") MdTagRow row);

    List<MdTagRow> selectTags(@Param("namespaceId") int namespaceId, @Param("name") String name);

    Integer selectTagId(@Param("namespaceId") int namespaceId, @Param("name") String name);

    List<MdTagRow> selectTagPage(MetadefPageStatement statement);

    int updateTag(@Param("name") String name, @Param("row") MdTagRow row);

    int deleteTags(@Param("namespaceId") int namespaceId, @Param("name") String name);

    void deleteEverything(@Param("table") String table);
}
