package io.glance.domain.upload;

import io.glance.domain.ImageId;

import java.time.Instant;
import java.util.Objects;

/**
 * A resumable upload (tus 1.0.0) into the staging area of one queued image: its declared length, the offset last
 * recorded (a hint: the partial data on disk is the truth), when it expires, and the options given at creation.
 *
 * @param id        the session's id, a random UUID (the last path segment of its URL)
 * @param imageId   the image the data is for
 * @param owner     the project that opened the session; only it (or an admin) may use it
 * @param length    the total number of bytes ({@code Upload-Length})
 * @param offset    bytes received as last recorded
 * @param options   the creation's {@code Upload-Metadata} header as sent (empty when none)
 * @param node      the node holding the partial data (its worker name), for multi-node deployments
 * @param createdAt when it was opened
 * @param expiresAt when it expires unless data arrives (each PATCH moves it on)
 */
public record UploadSession(String id, ImageId imageId, String owner, long length, long offset, String options,
                            String node, Instant createdAt, Instant expiresAt) {
    public UploadSession {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(imageId, "imageId is null");
        if (length < 0 || offset < 0 || offset > length) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length + " do not fit");
        }
        options = options == null ? "" : options;
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(expiresAt, "expiresAt is null");
    }

    /** Whether every byte has arrived. */
    public boolean complete() {
        return offset == length;
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public UploadSession progressed(long newOffset, Instant newExpiry) {
        return new UploadSession(id, imageId, owner, length, newOffset, options, node, createdAt, newExpiry);
    }
}
