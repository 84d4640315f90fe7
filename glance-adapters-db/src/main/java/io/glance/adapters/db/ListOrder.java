package io.glance.adapters.db;

import io.glance.ports.out.ImageQuery.SortKey;
import io.glance.ports.out.ImageQuery.SortKey.Column;
import io.glance.ports.out.ImageQuery.SortKey.Direction;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The order of a listing and where the page after a marker starts, kept in one place because keyset pagination is
 * only correct when both agree exactly.
 * <p>
 * The order is the requested keys plus {@code created_at desc, id desc} where absent, so that it is total (ids are
 * unique). NULLs sort first ascending and last descending — MariaDB's rule, spelled out in SQL for the nullable
 * columns so that H2 cannot differ.
 */
final class ListOrder {

    /** One {@code ORDER BY} term as {@link PageSql} renders it. */
    record OrderTerm(String column, boolean nullable, String direction) {
    }

    /**
     * One comparison of a keyset branch: {@code kind} is {@code IS_NULL}, {@code NOT_NULL}, {@code EQUAL},
     * {@code GREATER}, {@code LESS} or {@code LESS_OR_NULL}.
     */
    record KeysetCondition(String column, String kind, Object value) {
    }

    private static final Set<Column> NULLABLE = EnumSet.of(Column.NAME, Column.SIZE, Column.DISK_FORMAT,
            Column.CONTAINER_FORMAT);

    private final List<SortKey> keys;

    private ListOrder(List<SortKey> keys) {
        this.keys = keys;
    }

    /** The requested keys (a repeated column counts once, first wins) followed by the tie-breakers. */
    static ListOrder of(List<SortKey> requested) {
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
        return new ListOrder(List.copyOf(keys));
    }

    List<OrderTerm> terms() {
        return keys.stream()
                .map(key -> new OrderTerm(column(key.column()), NULLABLE.contains(key.column()),
                        key.direction().name()))
                .toList();
    }

    /**
     * The rows after {@code marker}: an OR of branches, branch i saying "equal on the first i keys and after the
     * marker on key i+1". Branches that cannot match (after a NULL in descending order, where NULLs come last) are
     * left out; the last key is the never-null id, so at least one branch remains.
     */
    List<List<KeysetCondition>> after(ImageRow marker) {
        List<List<KeysetCondition>> branches = new ArrayList<>();
        List<KeysetCondition> equalPrefix = new ArrayList<>();
        for (SortKey key : keys) {
            String column = column(key.column());
            Object value = value(key.column()).apply(marker);
            KeysetCondition after = afterCondition(column, key.direction(), value);
            if (after != null) {
                List<KeysetCondition> branch = new ArrayList<>(equalPrefix);
                branch.add(after);
                branches.add(List.copyOf(branch));
            }
            equalPrefix.add(value == null ? new KeysetCondition(column, "IS_NULL", null)
                    : new KeysetCondition(column, "EQUAL", value));
        }
        return List.copyOf(branches);
    }

    private static KeysetCondition afterCondition(String column, Direction direction, Object value) {
        return switch (direction) {
            case ASC -> value == null ? new KeysetCondition(column, "NOT_NULL", null)
                    : new KeysetCondition(column, "GREATER", value);
            case DESC -> value == null ? null : new KeysetCondition(column, "LESS_OR_NULL", value);
        };
    }

    private static String column(Column column) {
        return switch (column) {
            case NAME -> "name";
            case STATUS -> "status";
            case CONTAINER_FORMAT -> "container_format";
            case DISK_FORMAT -> "disk_format";
            case SIZE -> "size";
            case ID -> "id";
            case CREATED_AT -> "created_at";
            case UPDATED_AT -> "updated_at";
        };
    }

    private static Function<ImageRow, Object> value(Column column) {
        return switch (column) {
            case NAME -> ImageRow::name;
            case STATUS -> ImageRow::status;
            case CONTAINER_FORMAT -> ImageRow::containerFormat;
            case DISK_FORMAT -> ImageRow::diskFormat;
            case SIZE -> ImageRow::size;
            case ID -> ImageRow::id;
            case CREATED_AT -> ImageRow::createdAt;
            case UPDATED_AT -> ImageRow::updatedAt;
        };
    }
}
