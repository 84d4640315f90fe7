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
     * @param copying whether these images have a non-empty {@code os_glance_importing_to_stores}: an import or a
     *                copy is still writing them to stores (Glance counts those as uploading and as staged)
     * @param images  how many of the owner's live images have {@code status} (and {@code copying})
     * @param bytes   the sum of their sizes (images without a size count 0)
     */
    record StatusCount(ImageStatus status, boolean copying, long images, long bytes) {
        /** A row of images that are not being copied. */
        public StatusCount(ImageStatus status, long images, long bytes) {
            this(status, false, images, bytes);
        }
    }

    /** One row per status (and copying or not) the owner has live images in. */
    List<StatusCount> byStatus(String owner);
}
