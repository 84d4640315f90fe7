package io.glance.ports.out;

import io.glance.domain.ImageId;
import io.glance.domain.MemberStatus;
import io.glance.domain.Visibility;

import java.util.List;
import java.util.Objects;

/**
 * What GET /v2/images asks the repository for (Glance v2 §2.1), already parsed and validated.
 *
 * @param filters           all must match (AND)
 * @param visibility        the {@code visibility} filter, or {@code null} for the default scope
 *                          (public + own + shared-with-me at {@code memberStatus}; admins see everything)
 * @param includeAllVisibility true for {@code visibility=all}
 * @param memberStatus      which shared images count as shared-with-me; {@code null} means all
 * @param osHidden          {@code false} hides hidden images (default), {@code true} lists only hidden ones
 * @param sort              sort keys in order; the repository appends {@code created_at desc, id desc} as
 *                          tie-breakers when absent
 * @param limit             page size, at least 0
 * @param marker            list images after this one in the sort order, or {@code null} for the first page
 */
public record ImageQuery(List<ImageFilter> filters, Visibility visibility, boolean includeAllVisibility,
                         MemberStatus memberStatus, boolean osHidden, List<SortKey> sort, int limit, ImageId marker) {

    public ImageQuery {
        filters = List.copyOf(filters);
        sort = List.copyOf(sort);
        if (limit < 0) {
            throw new IllegalArgumentException("limit is negative: " + limit);
        }
    }

    /** The default listing: first page of 25, newest first. */
    public static ImageQuery firstPage(int limit) {
        return new ImageQuery(List.of(), null, false, MemberStatus.ACCEPTED, false,
                List.of(new SortKey(SortKey.Column.CREATED_AT, SortKey.Direction.DESC)), limit, null);
    }

    /** One sort key. */
    public record SortKey(Column column, Direction direction) {
        public SortKey {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(direction, "direction is null");
        }

        /** The sortable columns of Glance v2. */
        public enum Column {
            NAME("name"), STATUS("status"), CONTAINER_FORMAT("container_format"), DISK_FORMAT("disk_format"),
            SIZE("size"), ID("id"), CREATED_AT("created_at"), UPDATED_AT("updated_at");

            private final String wireName;

            Column(String wireName) {
                this.wireName = wireName;
            }

            public String wireName() {
                return wireName;
            }
        }

        public enum Direction { ASC, DESC }
    }
}
