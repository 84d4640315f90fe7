package io.glance.client;

import static java.util.Objects.requireNonNull;

/** A project an image is shared with, and whether it accepted the image ({@code pending|accepted|rejected}). */
public record Member(String imageId, String memberId, String status, String createdAt, String updatedAt) {
    public Member {
        requireNonNull(imageId, "imageId is null");
        requireNonNull(memberId, "memberId is null");
        requireNonNull(status, "status is null");
    }
}
