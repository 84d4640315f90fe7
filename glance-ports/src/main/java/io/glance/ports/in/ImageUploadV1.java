package io.glance.ports.in;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.RequestContext;

import java.io.InputStream;

/**
 * Uploading image data with API v1's (Diablo) rules, which differ from v2's {@link ImageData#upload}: the image needs
 * no formats, the client may state the md5 it expects, and a failed upload leaves the image {@code killed} instead of
 * {@code queued}. As in v2, whatever was written to a store is deleted when the upload fails.
 */
public interface ImageUploadV1 {

    /**
     * Streams {@code data} into a store: {@code queued → saving → active}; on failure {@code saving → killed}.
     *
     * @param declaredLength   the request's Content-Length, or {@code -1} for chunked uploads
     * @param storeId          the store to write to, or {@code null} for the default
     * @param expectedChecksum the md5 (lower-case hex) the client sent as {@code x-image-meta-checksum}, or
     *                         {@code null}
     * @throws io.glance.domain.InvalidInputException when the data's md5 differs from {@code expectedChecksum}; the
     *                                                message names both
     * @throws io.glance.domain.ConflictException     when the image is not queued
     */
    Image upload(RequestContext context, ImageId id, InputStream data, long declaredLength, String storeId,
                 String expectedChecksum);

    /**
     * {@code queued → killed} without reading any data: v1's answer to a body it refuses up front (wrong
     * Content-Type). An image that is no longer queued is left as it is.
     */
    void kill(RequestContext context, ImageId id);
}
