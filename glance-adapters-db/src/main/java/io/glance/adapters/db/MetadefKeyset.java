package io.glance.adapters.db;

import io.glance.ports.out.metadef.NamespaceSortKey;
import io.glance.ports.out.metadef.SortDirection;
import io.glance.ports.out.metadef.TagSortKey;

/**
 * The ORDER BY and the "after the marker" condition of a catalog listing, as SQL text built from enums only (never
 * from request text). Nullable columns sort through COALESCE so that H2 and MariaDB order NULLs alike; created_at
 * and id break ties, as in Glance. The marker's values are read by subqueries on its id, so the same statement works
 * for every key type.
 *
 * @param key        the sort expression over alias {@code r.}
 * @param markerKey  the same over the marker's row, alias {@code m.}
 * @param direction  {@code ASC} or {@code DESC}
 * @param comparison {@code >} or {@code <}: what "after" means in that direction
 */
record MetadefKeyset(String key, String markerKey, String direction, String comparison) {

    static MetadefKeyset of(NamespaceSortKey key, SortDirection direction) {
        String expression = switch (key) {
            case ID -> "r.id";
            case NAMESPACE -> "r.namespace";
            case DISPLAY_NAME -> "COALESCE(r.display_name, '')";
            case VISIBILITY -> "COALESCE(r.visibility, '')";
            case PROTECTED -> "COALESCE(r.is_protected, FALSE)";
            case OWNER -> "r.owner";
            case CREATED_AT -> "r.created_at";
            case UPDATED_AT -> "COALESCE(r.updated_at, r.created_at)";
        };
        return of(expression, direction);
    }

    static MetadefKeyset of(TagSortKey key, SortDirection direction) {
        String expression = switch (key) {
            case ID -> "r.id";
            case NAME -> "r.name";
            case CREATED_AT -> "r.created_at";
            case UPDATED_AT -> "COALESCE(r.updated_at, r.created_at)";
        };
        return of(expression, direction);
    }

    private static MetadefKeyset of(String expression, SortDirection direction) {
        return new MetadefKeyset(expression, expression.replace("r.", "m."), direction == SortDirection.ASC ? "ASC" : "DESC",
                direction == SortDirection.ASC ? ">" : "<");
    }
}
