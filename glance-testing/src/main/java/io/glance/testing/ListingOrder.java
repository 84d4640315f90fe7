package io.glance.testing;

import io.glance.domain.Image;
import io.glance.ports.out.ImageQuery.SortKey;
import io.glance.ports.out.ImageQuery.SortKey.Column;
import io.glance.ports.out.ImageQuery.SortKey.Direction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The total order of a listing: the requested keys (a repeated column counts once, first wins) followed by
 * {@code created_at desc, id desc} where absent. NULLs sort first ascending and last descending, and text compares by
 * code point, as the database adapter does.
 */
final class ListingOrder {

    private ListingOrder() {
    }

    static Comparator<Image> of(List<SortKey> requested) {
        List<SortKey> keys = new ArrayList<>();
        Set<Column> seen = EnumSet.noneOf(Column.class);
        for (SortKey key : requested) {
            if (seen.add(key.column())) {
                keys.add(key);
            }
        }
        for (Column tieBreaker : List.of(Column.CREATED_AT, Column.ID)) {
            if (seen.add(tieBreaker)) {
                keys.add(new SortKey(tieBreaker, Direction.DESC));
            }
        }
        Comparator<Image> order = null;
        for (SortKey key : keys) {
            Comparator<Image> one = Comparator.comparing(image -> value(key.column(), image),
                    Comparator.nullsFirst(ListingOrder::compareValues));
            if (key.direction() == Direction.DESC) {
                one = one.reversed();
            }
            order = order == null ? one : order.thenComparing(one);
        }
        return order;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Comparable left, Comparable right) {
        if (left instanceof String a && right instanceof String b) {
            return byCodePoint(a, b);
        }
        return left.compareTo(right);
    }

    // String.compareTo compares UTF-16 units, which puts supplementary characters before U+E000..U+FFFF.
    private static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    @SuppressWarnings("rawtypes")
    private static Comparable value(Column column, Image image) {
        return switch (column) {
            case NAME -> image.name();
            case STATUS -> image.status().wireName();
            case CONTAINER_FORMAT -> image.containerFormat();
            case DISK_FORMAT -> image.diskFormat();
            case SIZE -> image.size();
            case ID -> image.id().value();
            case CREATED_AT -> image.createdAt();
            case UPDATED_AT -> image.updatedAt();
        };
    }
}
