package io.glance.ports.in.metadef;

import io.glance.ports.out.metadef.NamespaceSortKey;
import io.glance.ports.out.metadef.SortDirection;

import java.util.List;

/** GET /v2/metadefs/namespaces, its parameters already checked by the adapter. */
public record NamespaceListCommand(String visibility, List<String> resourceTypes, String marker, int limit,
                                   NamespaceSortKey sortKey, SortDirection sortDirection) {

    public NamespaceListCommand {
        resourceTypes = List.copyOf(resourceTypes);
    }
}
