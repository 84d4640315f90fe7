package io.glance.ports.in;

import io.glance.domain.Image;

import java.io.InputStream;
import java.util.Objects;

/**
 * An open download. The caller must close {@link #data()}.
 *
 * @param image  the image being read (for checksum headers)
 * @param data   the bytes, {@code length} of them
 * @param offset the first byte's position (0 unless ranged)
 * @param length how many bytes {@code data} delivers
 * @param total  the size of the whole image data
 * @param ranged whether a range was requested (the API answers 206)
 */
public record ImageDownload(Image image, InputStream data, long offset, long length, long total, boolean ranged) {

    public ImageDownload {
        Objects.requireNonNull(image, "image is null");
        Objects.requireNonNull(data, "data is null");
    }
}
