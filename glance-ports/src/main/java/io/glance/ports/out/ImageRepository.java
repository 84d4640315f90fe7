package io.glance.ports.out;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.RequestContext;

import java.util.List;
import java.util.Optional;

/**
 * Where image metadata lives (H2 embedded, MariaDB, or a remote glance-registry). Implementations translate their
 * own failures into domain exceptions: {@link io.glance.domain.ConflictException} for duplicates and lost races,
 * {@link io.glance.domain.ServiceUnavailableException} when the database cannot be reached. No SQL or driver
 * exception crosses this port. An image's members are in {@link MemberRepository}, which the same store implements.
 */
public interface ImageRepository {

    /**
     * Stores a new image with its tags, properties and locations.
     *
     * @throws io.glance.domain.ConflictException when the id is taken, also by a deleted image (ids stay reserved)
     */
    void create(Image image);

    /** The image with this id unless it is deleted. */
    Optional<Image> findById(ImageId id);

    /**
     * Replaces the stored image (all attributes, tags, properties and locations) with {@code image}, but only if the
     * stored status is still {@code expectedStatus}. This is how status transitions stay safe under concurrency:
     * of two uploads that both read {@code queued}, only one moves the image to {@code saving}.
     *
     * @return the stored image
     * @throws io.glance.domain.ConflictException when the stored status is not {@code expectedStatus}
     * @throws io.glance.domain.NotFoundException  when the image does not exist or is deleted
     */
    Image update(Image image, ImageStatus expectedStatus);

    /**
     * Replaces the stored image (all attributes, tags, properties and locations) with {@code changed}, but only if the
     * stored image is still exactly {@code read}, the version the caller read and changed: optimistic concurrency for
     * read-modify-write. Of two requests that change the same image from the same version (two PATCHes of different
     * properties, a PATCH and an upload), one wins and the other gets a {@code ConflictException}; it re-reads and
     * applies its change to the new version, so that no change is lost.
     *
     * @return the stored image
     * @throws io.glance.domain.ConflictException when the stored image differs from {@code read}
     * @throws io.glance.domain.NotFoundException  when the image does not exist or is deleted
     */
    Image updateIfUnchanged(Image read, Image changed);

    /**
     * One page of the images visible to {@code context} that match the query, in the query's order, starting after
     * the marker.
     *
     * @throws io.glance.domain.InvalidInputException when the marker is unknown or invisible
     */
    List<Image> list(ImageQuery query, RequestContext context);
}
