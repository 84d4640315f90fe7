package io.glance.application;

import io.glance.config.Option;
import io.glance.domain.ConflictException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.ports.out.ImageFilter;
import io.glance.ports.out.ImageQuery;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.UploadJournal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * After a crash (kill -9, power loss) images can be left in {@code saving} with no upload running. At start this
 * moves them back to {@code queued} with their data attributes cleared, so that a new upload can succeed; the store
 * driver removes the partial data it finds at its own start.
 * <p>
 * Several glance-api nodes may share the database, and an image in {@code saving} may be one another node is
 * uploading right now. So an image is reset only when
 * <ul>
 *     <li>this node's {@link UploadJournal} says this node started that very upload (same {@code updated_at}): at
 *     start no upload runs here, so it was interrupted; or</li>
 *     <li>its {@code updated_at} is older than the grace period ({@code upload_recovery_grace_period}, a day by
 *     default): the node that started it died and nobody else will finish it. The period must exceed the longest
 *     upload, or a slow upload on another node is reset under it (it then fails with 410, leaving nothing behind).</li>
 * </ul>
 */
public final class InterruptedUploadRecovery {
    private static final Logger LOG = Logger.getLogger(InterruptedUploadRecovery.class.getName());
    private static final int PAGE = 500;

    /** A day: longer than any upload is expected to take, so that a running upload on another node is never reset. */
    public static final Option<Duration> GRACE_PERIOD = Option.seconds("upload_recovery_grace_period", Duration.ofDays(1),
            Duration.ZERO, "seconds after which an image another node left in `saving` is reset to `queued` at start");
    /** The options the recovery reads. */
    public static final List<Option<?>> OPTIONS = List.of(GRACE_PERIOD);

    private final ImageRepository repository;
    private final UploadJournal journal;
    private final Duration grace;
    private final Clock clock;

    public InterruptedUploadRecovery(ImageRepository repository, UploadJournal journal, Duration grace, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository is null");
        this.journal = Objects.requireNonNull(journal, "journal is null");
        this.grace = Objects.requireNonNull(grace, "grace is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** Returns how many images were reset; run before this node serves requests. */
    public int run() {
        RequestContext system = RequestContext.noAuth("req-startup-recovery");
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant staleBefore = now.minus(grace);
        int reset = 0;
        for (boolean hidden : new boolean[] {false, true}) {
            String marker = null;
            List<Image> saving;
            do {
                ImageQuery query = new ImageQuery(
                        List.of(new ImageFilter.ColumnIn(ImageFilter.Column.STATUS, List.of("saving"))),
                        null, true, null, hidden,
                        List.of(new ImageQuery.SortKey(ImageQuery.SortKey.Column.ID, ImageQuery.SortKey.Direction.ASC)),
                        PAGE, marker == null ? null : new ImageId(marker));
                saving = repository.list(query, system);
                for (Image image : saving) {
                    boolean ownUpload = journal.startedAt(image.id()).filter(image.updatedAt()::equals).isPresent();
                    if (ownUpload || image.updatedAt().isBefore(staleBefore)) {
                        reset += reset(image, now, ownUpload) ? 1 : 0;
                    }
                    marker = image.id().value();
                }
            } while (saving.size() == PAGE);
        }
        journal.clear();
        return reset;
    }

    private boolean reset(Image image, Instant now, boolean ownUpload) {
        try {
            repository.updateIfUnchanged(image, image.abortUpload(now));
            LOG.fine("Reset interrupted upload of image " + image.id() + (ownUpload ? " (started by this node)"
                    : " (in saving since " + image.updatedAt() + ")"));
            return true;
        } catch (ConflictException | NotFoundException e) {
            LOG.fine("Image " + image.id() + " changed while recovering: " + e.getMessage());
            return false;
        }
    }
}
