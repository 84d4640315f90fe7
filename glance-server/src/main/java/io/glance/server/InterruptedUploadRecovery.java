package io.glance.server;

import io.glance.domain.ConflictException;
import io.glance.domain.Image;
import io.glance.domain.ImageStatus;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.ports.out.ImageFilter;
import io.glance.ports.out.ImageQuery;
import io.glance.ports.out.ImageRepository;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * After a crash (kill -9, power loss) images can be left in {@code saving} with no upload running. At start this
 * moves them back to {@code queued} with their data attributes cleared, so that a new upload can succeed; the store
 * driver removes the partial data it finds at its own start. This assumes one glance-api per database: with several
 * nodes sharing one (a later issue) an upload running on another node must not be reset, which needs upload leases.
 */
final class InterruptedUploadRecovery {
    private static final Logger LOG = Logger.getLogger(InterruptedUploadRecovery.class.getName());
    private static final int PAGE = 500;

    private final ImageRepository repository;
    private final Clock clock;

    InterruptedUploadRecovery(ImageRepository repository, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** Returns how many images were reset. */
    int run() {
        RequestContext system = RequestContext.noAuth("req-startup-recovery");
        int reset = 0;
        for (boolean hidden : new boolean[] {false, true}) {
            List<Image> stuck;
            do {
                ImageQuery query = new ImageQuery(
                        List.of(new ImageFilter.ColumnIn(ImageFilter.Column.STATUS, List.of("saving"))),
                        null, true, null, hidden,
                        List.of(new ImageQuery.SortKey(ImageQuery.SortKey.Column.ID, ImageQuery.SortKey.Direction.ASC)),
                        PAGE, null);
                stuck = repository.list(query, system);
                for (Image image : stuck) {
                    try {
                        repository.update(image.abortUpload(clock.instant().truncatedTo(ChronoUnit.SECONDS)),
                                ImageStatus.SAVING);
                        reset++;
                        LOG.fine("Reset interrupted upload of image " + image.id());
                    } catch (ConflictException | NotFoundException e) {
                        LOG.fine("Image " + image.id() + " changed while recovering: " + e.getMessage());
                    }
                }
            } while (stuck.size() == PAGE);
        }
        return reset;
    }
}
