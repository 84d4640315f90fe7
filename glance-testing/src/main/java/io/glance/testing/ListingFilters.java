package io.glance.testing;

import io.glance.domain.Image;
import io.glance.domain.InvalidInputException;
import io.glance.ports.out.ImageFilter;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Whether an image matches the filters of a listing. Values of typed columns ({@code protected}, {@code min_disk},
 * {@code min_ram}, {@code virtual_size}) are parsed as the database adapter binds them, so a wrong type is a 400
 * naming the value here too.
 */
final class ListingFilters {
    private final List<ImageFilter> filters;

    ListingFilters(List<ImageFilter> filters) {
        this.filters = List.copyOf(filters);
        // Parse typed values up front: a bad value is an error even when no image would be compared with it.
        for (ImageFilter filter : this.filters) {
            if (filter instanceof ImageFilter.ColumnIn in) {
                in.values().forEach(value -> typed(in.column(), value));
            }
        }
    }

    boolean matches(Image image) {
        for (ImageFilter filter : filters) {
            if (!matches(filter, image)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(ImageFilter filter, Image image) {
        return switch (filter) {
            case ImageFilter.ColumnIn in -> {
                Object actual = columnValue(in.column(), image);
                yield actual != null && in.values().stream().anyMatch(v -> actual.equals(typed(in.column(), v)));
            }
            case ImageFilter.TimeCompare time -> compare(time, image);
            // Unbounded both ways is no condition at all; any bound skips images without a size, as SQL does.
            case ImageFilter.SizeBetween between -> between.min() == null && between.max() == null
                    || image.size() != null
                    && (between.min() == null || image.size() >= between.min())
                    && (between.max() == null || image.size() <= between.max());
            case ImageFilter.HasTag tag -> image.tags().contains(tag.tag());
            case ImageFilter.PropertyEquals property -> property.value().equals(image.properties().get(property.key()));
        };
    }

    private static boolean compare(ImageFilter.TimeCompare time, Image image) {
        Instant actual = switch (time.column()) {
            case CREATED_AT -> image.createdAt();
            case UPDATED_AT -> image.updatedAt();
        };
        int order = actual.compareTo(time.value());
        return switch (time.comparison()) {
            case GT -> order > 0;
            case GTE -> order >= 0;
            case EQ -> order == 0;
            case NEQ -> order != 0;
            case LT -> order < 0;
            case LTE -> order <= 0;
        };
    }

    private static Object columnValue(ImageFilter.Column column, Image image) {
        return switch (column) {
            case NAME -> image.name();
            case ID -> image.id().value();
            case STATUS -> image.status().wireName();
            case CONTAINER_FORMAT -> image.containerFormat();
            case DISK_FORMAT -> image.diskFormat();
            case OWNER -> image.owner();
            case CHECKSUM -> image.checksums() == null ? null : image.checksums().md5();
            case OS_HASH_VALUE -> image.checksums() == null ? null : image.checksums().hashValue();
            case PROTECTED -> image.isProtected();
            case MIN_DISK -> image.minDisk();
            case MIN_RAM -> image.minRam();
            case VIRTUAL_SIZE -> image.virtualSize();
        };
    }

    private static Object typed(ImageFilter.Column column, String value) {
        Objects.requireNonNull(value, "filter value is null");
        return switch (column) {
            case PROTECTED -> switch (value) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw invalid(column, value, "true or false");
            };
            case MIN_DISK, MIN_RAM -> {
                try {
                    yield Integer.valueOf(value);
                } catch (NumberFormatException e) {
                    throw invalid(column, value, "an integer");
                }
            }
            case VIRTUAL_SIZE -> {
                try {
                    yield Long.valueOf(value);
                } catch (NumberFormatException e) {
                    throw invalid(column, value, "an integer");
                }
            }
            case NAME, ID, STATUS, CONTAINER_FORMAT, DISK_FORMAT, OWNER, CHECKSUM, OS_HASH_VALUE -> value;
        };
    }

    private static InvalidInputException invalid(ImageFilter.Column column, String value, String expected) {
        return new InvalidInputException("Invalid " + column.wireName() + " filter value: " + value + " (expected "
                + expected + ")");
    }
}
