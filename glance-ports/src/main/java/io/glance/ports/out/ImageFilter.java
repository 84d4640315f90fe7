package io.glance.ports.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One condition of an image listing. */
public sealed interface ImageFilter {

    /** The image columns a listing may filter on by value. */
    enum Column {
        NAME("name"), ID("id"), STATUS("status"), CONTAINER_FORMAT("container_format"),
        DISK_FORMAT("disk_format"), OWNER("owner"), CHECKSUM("checksum"), OS_HASH_VALUE("os_hash_value"),
        PROTECTED("protected"), MIN_DISK("min_disk"), MIN_RAM("min_ram"), VIRTUAL_SIZE("virtual_size");

        private final String wireName;

        Column(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** The column equals one of {@code values} (one value for {@code eq:}/bare, several for {@code in:}). */
    record ColumnIn(Column column, List<String> values) implements ImageFilter {
        public ColumnIn {
            Objects.requireNonNull(column, "column is null");
            values = List.copyOf(values);
        }
    }

    /** A time comparison on {@code created_at} or {@code updated_at}. */
    record TimeCompare(TimeColumn column, Comparison comparison, Instant value) implements ImageFilter {
        public TimeCompare {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(comparison, "comparison is null");
            Objects.requireNonNull(value, "value is null");
        }
    }

    enum TimeColumn { CREATED_AT, UPDATED_AT }

    enum Comparison { GT, GTE, EQ, NEQ, LT, LTE }

    /** {@code size_min} / {@code size_max}: images whose size is within the bounds (null = unbounded). */
    record SizeBetween(Long min, Long max) implements ImageFilter {
    }

    /** The image has this tag. */
    record HasTag(String tag) implements ImageFilter {
        public HasTag {
            Objects.requireNonNull(tag, "tag is null");
        }
    }

    /** The image has a custom property {@code key} with exactly {@code value}. */
    record PropertyEquals(String key, String value) implements ImageFilter {
        public PropertyEquals {
            Objects.requireNonNull(key, "key is null");
            Objects.requireNonNull(value, "value is null");
        }
    }
}
