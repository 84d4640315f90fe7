package io.glance.application;

import io.glance.domain.ConflictException;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.NotFoundException;
import io.glance.ports.out.ImageRepository;

import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * API v1's end for a failed upload: {@code saving → killed}. Unlike {@link SavingReset} it does not retry while the
 * database is away: an image left in {@code saving} is returned to {@code queued} by the next start's recovery,
 * which is the better outcome anyway (the client may upload again).
 */
final class FailedUploadKill {
    private static final Logger LOG = Logger.getLogger(FailedUploadKill.class.getName());

    private final ImageRepository repository;
    private final Clock clock;

    FailedUploadKill(ImageRepository repository, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    void kill(ImageId id) {
        try {
            OptimisticUpdate.apply(repository, () -> repository.findById(id).orElseThrow(() -> ImageAccess.notFound(id)),
                    image -> image.status() == ImageStatus.SAVING ? image.kill(Timestamps.now(clock)) : image);
        } catch (NotFoundException | ConflictException e) {
            // Deleted or changed by another request meanwhile: nothing to kill.
        } catch (RuntimeException e) {
            // The upload's own failure matters more to the client than this one.
            LOG.log(Level.WARNING, "Image " + id + " could not be set to killed after its failed upload", e);
        }
    }
}
