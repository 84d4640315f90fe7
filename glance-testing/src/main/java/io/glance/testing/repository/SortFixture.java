package io.glance.testing.repository;

import io.glance.domain.Image;
import io.glance.domain.ImageStatus;
import io.glance.domain.Visibility;
import io.glance.ports.out.ImageQuery.SortKey;
import io.glance.ports.out.ImageQuery.SortKey.Column;
import io.glance.ports.out.ImageQuery.SortKey.Direction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static io.glance.testing.repository.TestImages.T0;
import static io.glance.testing.repository.TestImages.image;

/**
 * Twelve images with NULLs, ties and mixed case in every sortable column, and the order the contract defines for
 * them, computed here independently of the SQL: the requested keys, then {@code created_at desc, id desc} where
 * absent; NULLs first ascending, last descending; text by code point.
 */
public interface SortFixture extends RepositoryFixture {

    /** Multi-key orders worth checking besides every single key in both directions. */
    List<List<SortKey>> MIXED_ORDERS = List.of(
            List.of(),
            List.of(key(Column.STATUS, Direction.ASC), key(Column.NAME, Direction.DESC)),
            List.of(key(Column.DISK_FORMAT, Direction.ASC), key(Column.SIZE, Direction.DESC),
                    key(Column.NAME, Direction.ASC)),
            List.of(key(Column.CREATED_AT, Direction.ASC)),
            List.of(key(Column.ID, Direction.ASC)),
            List.of(key(Column.UPDATED_AT, Direction.DESC), key(Column.NAME, Direction.ASC)),
            List.of(key(Column.CONTAINER_FORMAT, Direction.DESC), key(Column.CREATED_AT, Direction.ASC)),
            List.of(key(Column.NAME, Direction.ASC), key(Column.NAME, Direction.DESC)),
            List.of(key(Column.SIZE, Direction.ASC), key(Column.ID, Direction.ASC),
                    key(Column.CREATED_AT, Direction.DESC)));

    private static SortKey key(Column column, Direction direction) {
        return new SortKey(column, direction);
    }

    /** Stores the data set; returns it in creation order. */
    default List<Image> givenSortImages() {
        Object[][] rows = {
                // name,  size, disk,    container, status,                    created, updated (seconds after T0)
                {"beta", 100L, "raw", "bare", ImageStatus.ACTIVE, 0, 50},
                {null, null, null, null, ImageStatus.QUEUED, 0, 10},
                {"Alpha", 300L, "qcow2", "ovf", ImageStatus.ACTIVE, 60, 10},
                {"alpha", 100L, "raw", null, ImageStatus.SAVING, 60, 40},
                {null, 200L, null, "bare", ImageStatus.QUEUED, 120, 30},
                {"beta", null, "qcow2", "bare", ImageStatus.DEACTIVATED, 120, 30},
                {"gamma", 300L, "iso", "ovf", ImageStatus.ACTIVE, 180, 0},
                {"alpha", 200L, "raw", "bare", ImageStatus.ACTIVE, 180, 20},
                {null, 100L, "qcow2", null, ImageStatus.UPLOADING, 240, 50},
                {"Beta", null, null, "ova", ImageStatus.IMPORTING, 240, 60},
                {"zeta", 50L, "vhd", "bare", ImageStatus.ACTIVE, 300, 5},
                {"beta", 100L, "raw", "bare", ImageStatus.ACTIVE, 300, 50},
        };
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            Object[] row = rows[i];
            images.add(store(image(i + 1)
                    .name((String) row[0])
                    .size((Long) row[1])
                    .diskFormat((String) row[2])
                    .containerFormat((String) row[3])
                    .status((ImageStatus) row[4])
                    .visibility(Visibility.PUBLIC)
                    .createdAt(T0.plusSeconds((Integer) row[5]))
                    .updatedAt(T0.plusSeconds(1000 + (Integer) row[6]))));
        }
        return images;
    }

    /** {@code images} in the order a listing with {@code requested} must return them. */
    default List<Image> expectedOrder(List<Image> images, List<SortKey> requested) {
        List<SortKey> keys = new ArrayList<>();
        Set<Column> seen = EnumSet.noneOf(Column.class);
        for (SortKey key : requested) {
            if (seen.add(key.column())) {
                keys.add(key);
            }
        }
        if (seen.add(Column.CREATED_AT)) {
            keys.add(key(Column.CREATED_AT, Direction.DESC));
        }
        if (seen.add(Column.ID)) {
            keys.add(key(Column.ID, Direction.DESC));
        }
        Comparator<Image> order = null;
        for (SortKey key : keys) {
            Comparator<Image> ascending = Comparator.comparing(value(key.column()),
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            Comparator<Image> term = key.direction() == Direction.ASC ? ascending : ascending.reversed();
            order = order == null ? term : order.thenComparing(term);
        }
        return images.stream().sorted(order).toList();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Function<Image, Comparable<Object>> value(Column column) {
        Function<Image, Comparable> extractor = switch (column) {
            case NAME -> Image::name;
            case STATUS -> image -> image.status().wireName();
            case CONTAINER_FORMAT -> Image::containerFormat;
            case DISK_FORMAT -> Image::diskFormat;
            case SIZE -> Image::size;
            case ID -> image -> image.id().value();
            case CREATED_AT -> Image::createdAt;
            case UPDATED_AT -> Image::updatedAt;
        };
        return (Function) extractor;
    }

    static List<String> describe(List<Image> images) {
        return images.stream().map(image -> image.id().value().substring(24) + ":" + image.name()).toList();
    }
}
