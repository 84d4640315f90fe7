package io.glance.adapters.db;

import java.util.List;

/**
 * The parameter object of {@code MetadefMapper.selectNamespacePage} and {@code selectTagPage}.
 *
 * @param seesAll       no visibility restriction (admin)
 * @param project       with {@code seesAll} false: the caller's project, whose namespaces are visible too
 * @param visibility    exact stored visibility, or null
 * @param resourceTypes associated with any of these, or empty
 * @param namespaceId   tags: whose tags
 * @param markerId      the marker row's id, or null for the first page
 * @param limit         the page size, or null for no limit
 */
record MetadefPageStatement(boolean seesAll, String project, String visibility, List<String> resourceTypes,
                            Integer namespaceId, Integer markerId, MetadefKeyset keyset, Integer limit) {
}
