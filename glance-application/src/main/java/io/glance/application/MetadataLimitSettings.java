package io.glance.application;

import io.glance.config.Option;
import io.glance.config.OptionValues;
import io.glance.domain.MetadataLimits;

import java.util.List;

/** The options of {@link MetadataLimits}: how much custom-property metadata one image may hold. */
public final class MetadataLimitSettings {
    public static final Option<Integer> IMAGE_PROPERTY_VALUE_MAX_BYTES = Option.integer(
            "image_property_value_max_bytes", MetadataLimits.DEFAULT_MAX_VALUE_BYTES, 1, 16 * 1024 * 1024,
            "most UTF-8 bytes in one custom property's value (Glance's column holds 65535); longer gets 400");
    public static final Option<Long> IMAGE_PROPERTIES_MAX_BYTES = Option.size("image_properties_max_bytes",
            MetadataLimits.DEFAULT_MAX_TOTAL_BYTES, "256K",
            "most UTF-8 bytes in all custom property keys and values of one image (K, M, G allowed); above it 413");
    /** The options these limits are read from. */
    public static final List<Option<?>> OPTIONS = List.of(IMAGE_PROPERTY_VALUE_MAX_BYTES, IMAGE_PROPERTIES_MAX_BYTES);

    private MetadataLimitSettings() {
    }

    public static MetadataLimits from(OptionValues values) {
        return new MetadataLimits(values.get(IMAGE_PROPERTY_VALUE_MAX_BYTES), values.get(IMAGE_PROPERTIES_MAX_BYTES));
    }
}
