package io.glance.ports.out.metadef;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One page of the namespace list.
 *
 * @param seesAll       the caller sees every namespace (admin); otherwise only public ones and {@code project}'s
 * @param project       the caller's project, may be null
 * @param visibility    only namespaces whose stored visibility is exactly this, or null for any
 * @param resourceTypes only namespaces associated with any of these resource types, or empty for all
 * @param marker        the name of the namespace the page starts after, or null; it must be one the caller sees
 * @param limit         at most this many namespaces (0 gives an empty page)
 */
public record NamespaceQuery(boolean seesAll, String project, String visibility, List<String> resourceTypes,
                             String marker, int limit, NamespaceSortKey sortKey, SortDirection sortDirection) {

    public NamespaceQuery {
        resourceTypes = List.copyOf(resourceTypes);
        requireNonNull(sortKey, "sortKey is null");
        requireNonNull(sortDirection, "sortDirection is null");
        if (limit < 0) {
            throw new IllegalArgumentException("limit is negative: " + limit);
        }
    }
}
