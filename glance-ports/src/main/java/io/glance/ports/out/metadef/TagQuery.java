package io.glance.ports.out.metadef;

import static java.util.Objects.requireNonNull;

/**
 * One page of a namespace's tags.
 *
 * @param marker the name of the tag the page starts after, or null
 * @param limit  at most this many tags, or null for all
 */
public record TagQuery(String marker, Integer limit, TagSortKey sortKey, SortDirection sortDirection) {
    public static final TagQuery ALL = new TagQuery(null, null, TagSortKey.CREATED_AT, SortDirection.ASC);

    public TagQuery {
        requireNonNull(sortKey, "sortKey is null");
        requireNonNull(sortDirection, "sortDirection is null");
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit is negative: " + limit);
        }
    }
}
