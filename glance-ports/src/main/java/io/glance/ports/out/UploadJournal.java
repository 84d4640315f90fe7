package io.glance.ports.out;

import io.glance.domain.Image;
import io.glance.domain.ImageId;

import java.time.Instant;
import java.util.Optional;

/**
 * Which uploads this node started and has not finished, kept where a crash cannot lose it, so that at the next start
 * the node can tell its own interrupted uploads from those another node (sharing the database) is still running.
 */
public interface UploadJournal {

    /** This node just moved the image to {@code saving}; best effort (a miss only delays recovery). */
    void started(Image saving);

    /** The upload of the image ended here (active, back to queued, deleted). */
    void finished(ImageId id);

    /** The {@code updated_at} this node gave the image when it started uploading to it, if it did. */
    Optional<Instant> startedAt(ImageId id);

    /** Forgets every entry: called once recovery has dealt with them, before this node serves uploads again. */
    void clear();
}
