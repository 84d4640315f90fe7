package io.glance.domain;

import java.time.Instant;
import java.util.Objects;

/** A project an image is shared with, and whether that project accepted it. */
public record ImageMember(ImageId imageId, String memberId, MemberStatus status, Instant createdAt, Instant updatedAt) {

    public ImageMember {
        Objects.requireNonNull(imageId, "imageId is null");
        Objects.requireNonNull(memberId, "memberId is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
        if (memberId.isBlank() || memberId.length() > 255) {
            throw new InvalidInputException("Invalid member id: '" + memberId + "' (1 to 255 characters)");
        }
    }

    public ImageMember withStatus(MemberStatus newStatus, Instant now) {
        return new ImageMember(imageId, memberId, newStatus, createdAt, now);
    }
}
