package io.glance.client;

import static java.util.Objects.requireNonNull;

/** A project an image is shared with (API v1 {@code members}), or from the member's side an image shared with it. */
public record MemberV1(String id, boolean canShare) {
    public MemberV1 {
        requireNonNull(id, "id is null");
    }
}
