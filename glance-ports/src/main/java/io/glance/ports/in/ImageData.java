package io.glance.ports.in;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.RequestContext;

import java.io.InputStream;
import java.util.Optional;

/** Uploading and downloading image data (Glance v2 §2.3). Data is streamed, never held in memory. */
public interface ImageData {

    /**
     * Streams {@code data} into a store: {@code queued → saving → active}. On any failure the partial data is
     * deleted and the image returns to {@code queued}.
     *
     * @param declaredLength the request's Content-Length, or {@code -1} for chunked uploads
     * @param storeId        the store the client asked for ({@code X-Image-Meta-Store}), or {@code null} for the default
     * @throws io.glance.domain.ConflictException      when the image is not queued
     * @throws io.glance.domain.LimitExceededException when the data exceeds {@code image_size_cap}
     */
    Image upload(RequestContext context, ImageId id, InputStream data, long declaredLength, String storeId);

    /**
     * Opens the image data, whole or a range.
     *
     * @return empty when the image has no data yet (the API answers 204)
     * @throws io.glance.domain.RangeNotSatisfiableException when the range starts past the end
     * @throws io.glance.domain.ForbiddenException when a non-admin downloads a deactivated image
     */
    Optional<ImageDownload> download(RequestContext context, ImageId id, RangeRequest range);

    /**
     * The first half of {@link #download}: the image whose data the caller may download, after the visibility and
     * deactivation checks, without touching a store. HTTP evaluates its preconditions (If-None-Match...) on it, so a
     * 304 is only ever answered to a caller who would also get the data, and costs no store read.
     *
     * @throws io.glance.domain.NotFoundException  when the image is invisible to the caller
     * @throws io.glance.domain.ForbiddenException when a non-admin downloads a deactivated image
     */
    Image downloadable(RequestContext context, ImageId id);

    /**
     * The second half of {@link #download}: opens the data of an image {@link #downloadable} returned.
     *
     * @return empty when the image has no data (not active or deactivated, or no store finds it)
     * @throws io.glance.domain.RangeNotSatisfiableException when the range starts past the end
     */
    Optional<ImageDownload> open(Image downloadable, RangeRequest range);

    /**
     * Removes the image's data from one store (DELETE /v2/stores/{store}/{id}, multi-store only). The image keeps its
     * data in its other stores; the last copy cannot be removed this way.
     *
     * @throws io.glance.domain.ForbiddenException when the caller is not admin, or the store holds the only copy
     * @throws io.glance.domain.ConflictException  when the store is unknown or the image is not active
     * @throws io.glance.domain.NotFoundException  when the image is invisible or has no data in that store
     */
    void deleteFromStore(RequestContext context, ImageId id, String storeId);
}
