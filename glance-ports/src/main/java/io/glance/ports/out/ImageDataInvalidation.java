package io.glance.ports.out;

import io.glance.domain.ImageId;

/**
 * Told when an image's data may no longer be served: the image was deleted or deactivated. Copies of the data kept
 * outside the store (caching proxies in front of glance-api, a node's image cache) are dropped through it. Called
 * after the change is saved; it must not fail the change, and it returns within a bounded time.
 */
public interface ImageDataInvalidation {

    void dataGone(ImageId id);

    /** For deployments with nothing to invalidate. */
    ImageDataInvalidation NONE = id -> { };
}
