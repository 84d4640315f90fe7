package io.glance.adapters.db;

import java.util.List;

/**
 * What {@link PageSql} builds a page's statement from: everything one page of a listing needs, already turned into
 * SQL-ready pieces.
 *
 * @param scope       which images the caller may see
 * @param osHidden    list only hidden images ({@code true}) or only unhidden ones
 * @param filters     the request's filters
 * @param afterMarker the keyset condition after the marker, or {@code null} for the first page
 * @param order       the complete order
 * @param limit       the page size
 */
record ListStatement(VisibilityScope scope, boolean osHidden, ListFilters filters,
                     List<List<ListOrder.KeysetCondition>> afterMarker, List<ListOrder.OrderTerm> order, int limit) {
}
