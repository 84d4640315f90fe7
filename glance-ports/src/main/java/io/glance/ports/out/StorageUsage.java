package io.glance.ports.out;

import io.glance.domain.ImageId;

/**
 * How much image data a project keeps, for Glance's {@code user_storage_quota}: the sum over the project's images of
 * size times number of locations (each copy counts), for images with a size that are neither killed nor deleted.
 */
@FunctionalInterface
public interface StorageUsage {

    /**
     * @param owner     the project, or {@code null} for images without an owner (what the no-auth caller owns)
     * @param excluding an image left out of the sum (the one being written), or {@code null}
     * @return bytes
     */
    long bytesUsed(String owner, ImageId excluding);
}
