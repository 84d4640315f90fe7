package io.glance.ports.out;

import io.glance.domain.upload.UploadSession;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where resumable upload sessions are recorded (the database's {@code upload_sessions}). */
public interface UploadSessions {

    void create(UploadSession session);

    Optional<UploadSession> find(String id);

    /** Records the offset reached and the new expiry; a no-op when the session is gone. */
    void progressed(String id, long offset, Instant expiresAt);

    /** @return whether a session was removed */
    boolean delete(String id);

    /** Sessions expired at {@code now}, oldest first, at most {@code limit}. */
    List<UploadSession> expired(Instant now, int limit);

    /** Every session recorded, for the start's cleanup of partial data that no session owns. */
    List<String> ids();
}
