package io.glance.application;

/**
 * Limits on uploaded data.
 *
 * @param imageSizeCap the most bytes one image may hold ({@code image_size_cap}); larger uploads fail with 413
 */
public record UploadLimits(long imageSizeCap) {
    /** Glance's default {@code image_size_cap}: 1 TiB. */
    public static final long DEFAULT_IMAGE_SIZE_CAP = 1L << 40;

    public UploadLimits {
        if (imageSizeCap < 0) {
            throw new IllegalArgumentException("imageSizeCap is negative: " + imageSizeCap);
        }
    }

    /** Glance's defaults. */
    public static UploadLimits defaults() {
        return new UploadLimits(DEFAULT_IMAGE_SIZE_CAP);
    }
}
