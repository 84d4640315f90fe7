package io.glance.adapters.db;

import io.glance.domain.InvalidInputException;
import io.glance.ports.out.ImageFilter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The filters of a listing as parameters of a page's SQL ({@link PageSql}): column names come from the enums below,
 * never from the request, so the mapper may splice them into the SQL; every value is a bound parameter.
 *
 * @param columns    each: the column is one of the values
 * @param times      each: the time column compares as given
 * @param sizeMin    the smallest size, or {@code null}
 * @param sizeMax    the largest size, or {@code null}
 * @param tags       the image has every one of these tags
 * @param properties the image has every one of these properties with exactly these values
 * @param matchesNothing an {@code in:} filter had no value at all
 */
record ListFilters(List<ColumnCondition> columns, List<TimeCondition> times, Long sizeMin, Long sizeMax,
                   List<String> tags, List<PropertyCondition> properties, boolean matchesNothing) {

    /** One {@code column IN (values)}; the values have the column's Java type. */
    record ColumnCondition(String column, List<Object> values) {
    }

    /** One {@code column operator value}. */
    record TimeCondition(String column, String operator, Instant value) {
    }

    record PropertyCondition(String name, String value) {
    }

    static ListFilters of(List<ImageFilter> filters) {
        List<ColumnCondition> columns = new ArrayList<>();
        List<TimeCondition> times = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        List<PropertyCondition> properties = new ArrayList<>();
        Long sizeMin = null;
        Long sizeMax = null;
        boolean matchesNothing = false;
        for (ImageFilter filter : filters) {
            switch (filter) {
                case ImageFilter.ColumnIn in -> {
                    matchesNothing |= in.values().isEmpty();
                    columns.add(new ColumnCondition(columnName(in.column()), typedValues(in)));
                }
                case ImageFilter.TimeCompare time ->
                        times.add(new TimeCondition(columnName(time.column()), operator(time.comparison()),
                                time.value()));
                case ImageFilter.SizeBetween size -> {
                    // Several size filters all have to hold: keep the tightest bounds.
                    if (size.min() != null) {
                        sizeMin = sizeMin == null ? size.min() : Math.max(sizeMin, size.min());
                    }
                    if (size.max() != null) {
                        sizeMax = sizeMax == null ? size.max() : Math.min(sizeMax, size.max());
                    }
                }
                case ImageFilter.HasTag tag -> tags.add(tag.tag());
                case ImageFilter.PropertyEquals property ->
                        properties.add(new PropertyCondition(property.key(), property.value()));
            }
        }
        return new ListFilters(List.copyOf(columns), List.copyOf(times), sizeMin, sizeMax, List.copyOf(tags),
                List.copyOf(properties), matchesNothing);
    }

    private static String columnName(ImageFilter.Column column) {
        return switch (column) {
            case NAME -> "name";
            case ID -> "id";
            case STATUS -> "status";
            case CONTAINER_FORMAT -> "container_format";
            case DISK_FORMAT -> "disk_format";
            case OWNER -> "owner";
            case CHECKSUM -> "checksum";
            case OS_HASH_VALUE -> "os_hash_value";
            case PROTECTED -> "is_protected";
            case MIN_DISK -> "min_disk";
            case MIN_RAM -> "min_ram";
            case VIRTUAL_SIZE -> "virtual_size";
        };
    }

    private static String columnName(ImageFilter.TimeColumn column) {
        return switch (column) {
            case CREATED_AT -> "created_at";
            case UPDATED_AT -> "updated_at";
        };
    }

    private static String operator(ImageFilter.Comparison comparison) {
        return switch (comparison) {
            case GT -> ">";
            case GTE -> ">=";
            case EQ -> "=";
            case NEQ -> "<>";
            case LT -> "<";
            case LTE -> "<=";
        };
    }

    /** Numbers and booleans are bound as such, so that the comparison is numeric on both databases. */
    private static List<Object> typedValues(ImageFilter.ColumnIn in) {
        List<Object> values = new ArrayList<>();
        for (String value : in.values()) {
            values.add(switch (in.column()) {
                case PROTECTED -> bool(in.column(), value);
                case MIN_DISK, MIN_RAM -> integer(in.column(), value);
                case VIRTUAL_SIZE -> longValue(in.column(), value);
                case NAME, ID, STATUS, CONTAINER_FORMAT, DISK_FORMAT, OWNER, CHECKSUM, OS_HASH_VALUE -> value;
            });
        }
        return values;
    }

    private static Boolean bool(ImageFilter.Column column, String value) {
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw invalid(column, value, "true or false");
        };
    }

    private static Integer integer(ImageFilter.Column column, String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw invalid(column, value, "an integer");
        }
    }

    private static Long longValue(ImageFilter.Column column, String value) {
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            throw invalid(column, value, "an integer");
        }
    }

    private static InvalidInputException invalid(ImageFilter.Column column, String value, String expected) {
        return new InvalidInputException("Invalid " + column.wireName() + " filter value: " + value + " (expected "
                + expected + ")");
    }
}
