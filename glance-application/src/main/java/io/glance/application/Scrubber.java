package io.glance.application;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.NotFoundException;
import io.glance.ports.out.PendingDeletes;
import io.glance.ports.out.StoreRegistry;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Glance's scrubber, inside glance-api: images pending delete for longer than {@code scrub_time} lose their data,
 * then become {@code deleted}. Data first, status second: a scrubber killed in between finds the image still
 * pending next time and deletes again (a missing object counts as deleted), so nothing is lost and nothing is done
 * twice that matters. An image whose data cannot be deleted now (its store is down) stays pending and is retried.
 */
public final class Scrubber implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Scrubber.class.getName());
    static final int BATCH = 100;

    private final PendingDeletes pending;
    private final StoredData storedData;
    private final Clock clock;
    private final ScrubberSettings settings;
    private ScheduledExecutorService timer;

    public Scrubber(PendingDeletes pending, StoreRegistry stores, Clock clock, ScrubberSettings settings) {
        this(pending, stores, clock, settings, ContentDeduplication.off(stores));
    }

    /** As above; data in stores with {@code dedup: true} is deleted only with its last reference. */
    public Scrubber(PendingDeletes pending, StoreRegistry stores, Clock clock, ScrubberSettings settings,
                    ContentDeduplication dedup) {
        this.pending = requireNonNull(pending, "pending is null");
        this.storedData = new StoredData(requireNonNull(stores, "stores is null"), dedup);
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** Runs every {@code wakeup_time} on a daemon thread of its own. */
    public synchronized void start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("glance-scrubber")
                    .daemon(true).factory());
            long period = settings.wakeupTime().toMillis();
            timer.scheduleWithFixedDelay(this::runQuietly, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** One pass; returns how many images it finished. */
    public int scrubOnce() {
        int finished = 0;
        while (true) {
            List<Image> due = pending.due(clock.instant().minus(settings.scrubTime()), BATCH);
            int before = finished;
            for (Image image : due) {
                Optional<String> left = storedData.deleteAllOrExplain(image.id(), image.locations());
                if (left.isPresent()) {
                    LOG.warning("Scrubber: data of image " + image.id() + " is still there (" + left.get()
                            + "); it stays pending_delete and is tried again");
                    continue;
                }
                if (pending.scrubbed(image.id(), clock.instant())) {
                    LOG.info("Scrubber: deleted the data of image " + image.id());
                    finished++;
                }
            }
            if (due.size() < BATCH || finished == before) {
                return finished;
            }
        }
    }

    /**
     * Brings a pending image back to {@code active}.
     *
     * @throws NotFoundException when no image with this id is pending delete
     */
    public Image restore(ImageId id) {
        return pending.restore(id, clock.instant()).orElseThrow(() -> new NotFoundException("No image " + id
                + " in pending_delete (it was never deleted with delayed_delete, or the scrubber already removed"
                + " its data)"));
    }

    private void runQuietly() {
        try {
            scrubOnce();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Scrubber run failed; next run in " + settings.wakeupTime(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
