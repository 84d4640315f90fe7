package io.glance.ports.out;

import io.glance.domain.ImageStatus;

import java.util.List;

/**
 * A project's live (not deleted) images counted by status, for Keystone's unified limits: how many images it keeps,
 * how many are being uploaded, how many bytes are staged.
 */
@FunctionalInterface
public interface ImageTally {

    /**
     * @param images how many of the owner's live images have {@code status}
     * @param bytes  the sum of their sizes (images without a size count 0)
     */
    record StatusCount(ImageStatus status, long images, long bytes) {
    }

    /** One row per status the owner has live images in. */
    List<StatusCount> byStatus(String owner);
}
