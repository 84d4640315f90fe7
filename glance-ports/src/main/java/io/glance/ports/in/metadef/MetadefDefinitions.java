package io.glance.ports.in.metadef;

import io.glance.domain.metadef.NamespaceDocument;

import java.util.List;

/** What {@code glance-manage db load_metadefs|unload_metadefs|export_metadefs} does with the catalog. */
public interface MetadefDefinitions {

    /**
     * Loads namespace documents as Glance's loader does: visibility and protected kept as given (null when absent),
     * owner {@code admin} unless given, new resource types protected, {@code updated_at} left unset.
     */
    LoadResult load(List<NewNamespace> documents, LoadMode mode);

    /** Deletes the whole catalog, resource types included. */
    void unload();

    /** Every namespace with everything inside it, by name. */
    List<NamespaceDocument> export();
}
