package io.glance.client;

import static java.util.Objects.requireNonNull;

/** An image shared with a member, as {@code GET /v1/shared-images/<member>} lists it. */
public record SharedImageV1(String imageId, boolean canShare) {
    public SharedImageV1 {
        requireNonNull(imageId, "imageId is null");
    }
}
