package io.glance.application;

import io.glance.domain.ConflictException;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.NotFoundException;
import io.glance.domain.ServiceUnavailableException;
import io.glance.ports.out.ImageRepository;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Returns an image whose upload failed from {@code saving} to {@code queued}. When the database is unavailable at that
 * moment (the upload failed because it went away), the reset is retried in the background until it is back, so that
 * the image does not stay in {@code saving} with no upload running until the next restart.
 */
final class SavingReset implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SavingReset.class.getName());
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    static final int RETRIES = 600;

    private final ImageRepository repository;
    private final Clock clock;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("glance-saving-reset").daemon(true).factory());

    SavingReset(ImageRepository repository, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** {@code saving → queued} now, or later if the database is unavailable; an image deleted meanwhile stays so. */
    void reset(ImageId id) {
        attempt(id, 0);
    }

    private void attempt(ImageId id, int retry) {
        try {
            OptimisticUpdate.apply(repository, () -> repository.findById(id).orElseThrow(() -> ImageAccess.notFound(id)),
                    image -> image.status() == ImageStatus.SAVING ? image.abortUpload(Timestamps.now(clock)) : image);
            if (retry > 0) {
                LOG.info("Image " + id + " returned to queued after its failed upload (retry " + retry + ")");
            }
        } catch (NotFoundException | ConflictException e) {
            // Deleted or changed by another request meanwhile: nothing to restore.
        } catch (ServiceUnavailableException e) {
            if (retry == RETRIES) {
                LOG.log(Level.WARNING, "Image " + id + " stays in saving: the database stayed unavailable", e);
                return;
            }
            if (retry == 0) {
                LOG.warning("Image " + id + " could not be returned to queued after a failed upload: "
                        + e.getMessage() + "; retrying every " + RETRY_INTERVAL.toMillis() + " ms");
            }
            try {
                retries.schedule(() -> attempt(id, retry + 1), RETRY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                // The startup recovery of the next start resets it.
            }
        } catch (RuntimeException e) {
            // The original failure matters more; the startup recovery resets images left in saving.
            LOG.log(Level.WARNING, "Image " + id + " could not be returned to queued after a failed upload", e);
        }
    }

    /** Stops retrying; images still waiting are reset by the next start's recovery. */
    @Override
    public void close() {
        retries.shutdownNow();
    }
}
