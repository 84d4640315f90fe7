package io.glance.application;

import io.glance.application.inspection.FormatInspectionSettings;
import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Limits on uploaded data.
 *
 * @param imageSizeCap the most bytes one image may hold ({@code image_size_cap}); larger uploads fail with 413
 * @param formats      what the data's format must be ({@code [image_format]}): checked on every way data comes in
 */
public record UploadLimits(long imageSizeCap, FormatInspectionSettings formats) {
    /** Glance's default {@code image_size_cap}: 1 TiB. */
    public static final long DEFAULT_IMAGE_SIZE_CAP = 1L << 40;

    public static final Option<Long> IMAGE_SIZE_CAP = Option.size("image_size_cap", DEFAULT_IMAGE_SIZE_CAP, "1T",
            "largest accepted image (bytes, or with K/M/G/T); above it uploads get 413");
    /** The options these limits are read from. */
    public static final List<Option<?>> OPTIONS = List.of(IMAGE_SIZE_CAP);

    public UploadLimits {
        if (imageSizeCap < 0) {
            throw new IllegalArgumentException("imageSizeCap is negative: " + imageSizeCap);
        }
        requireNonNull(formats, "formats is null");
    }

    /** {@code image_size_cap} with Glance's default format checks. */
    public UploadLimits(long imageSizeCap) {
        this(imageSizeCap, FormatInspectionSettings.defaults());
    }

    /** Glance's defaults. */
    public static UploadLimits defaults() {
        return new UploadLimits(DEFAULT_IMAGE_SIZE_CAP);
    }

    public static UploadLimits from(OptionValues values) {
        return new UploadLimits(values.get(IMAGE_SIZE_CAP), FormatInspectionSettings.from(values));
    }
}
