package io.glance.ports.out;

import io.glance.domain.Image;
import io.glance.domain.ImageId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Images in {@code pending_delete} ({@code delayed_delete}): deleted for the APIs, their data still in the stores
 * until the scrubber removes it. Only a database keeps them; with {@code data_api: registry} there is none.
 */
public interface PendingDeletes {

    /** Images that entered {@code pending_delete} before {@code deletedBefore}, oldest first, with their locations. */
    List<Image> due(Instant deletedBefore, int limit);

    /**
     * {@code pending_delete → deleted} once the data is gone; does nothing when the image is no longer pending (it
     * was restored, or another scrubber finished it), so a repeated scrub changes nothing.
     *
     * @return whether this call moved it
     */
    boolean scrubbed(ImageId id, Instant now);

    /**
     * {@code pending_delete → active}: undoes the delete.
     *
     * @return the restored image, empty when there is no image in {@code pending_delete} with this id
     */
    Optional<Image> restore(ImageId id, Instant now);
}
