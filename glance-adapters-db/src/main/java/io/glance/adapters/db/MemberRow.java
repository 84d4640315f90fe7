package io.glance.adapters.db;

import java.time.Instant;

/** One row of {@code image_members}. */
record MemberRow(String imageId, String member, String status, Instant createdAt, Instant updatedAt) {
}
