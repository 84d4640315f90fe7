package io.glance.ports.in;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.RequestContext;

/**
 * Registering image data that already lives at a URL instead of uploading it: API v1's {@code x-image-meta-location}
 * on POST and PUT, and API v2's PATCH {@code add /locations/-} (Glance v2 §3, gated by {@code show_multiple_locations}).
 * The URL must resolve to a configured store (by scheme, e.g. the read-only HTTP store) whose policy admits it; the
 * store is asked for the size, so a location that cannot be read is refused before anything is saved.
 */
public interface ImageLocations {

    /**
     * Adds a location to a queued or active image. A queued image becomes active ({@code queued → active}, never
     * {@code saving}) with the size the store reports; its checksum stays null.
     *
     * @param expectedSize the size the client declared (v1 {@code x-image-meta-size}), or {@code null}; when given it
     *                     must equal the size the store reports
     * @throws io.glance.domain.InvalidInputException when no store serves the URL, its policy refuses it, it cannot be
     *                                                read, the sizes differ, or the image already has that location
     * @throws io.glance.domain.ConflictException     when the image is neither queued nor active
     * @throws io.glance.domain.NotFoundException     when the image does not exist or is not visible to the caller
     */
    Image addLocation(RequestContext context, ImageId id, String url, Long expectedSize);

    /**
     * Removes the image's location number {@code index} (v2 PATCH {@code remove /locations/<n>}) and deletes the data
     * there when its store can delete.
     *
     * @throws io.glance.domain.ForbiddenException    when it is the image's last location
     * @throws io.glance.domain.ConflictException     when the image is not active
     * @throws io.glance.domain.InvalidInputException when there is no such location
     * @throws io.glance.domain.NotFoundException     when the image does not exist or is not visible to the caller
     */
    Image removeLocation(RequestContext context, ImageId id, int index);
}
