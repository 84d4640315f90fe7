package io.glance.application;

import io.glance.domain.GlanceException;
import io.glance.domain.Image;
import io.glance.domain.ImageLocation;
import io.glance.ports.out.ConfiguredStore;
import io.glance.ports.out.StoreRegistry;
import io.glance.ports.out.StoredLocations;
import io.glance.store.spi.ListedObject;
import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreException;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The orphan sweeper: compares what the stores hold with what images record, both ways.
 * <ul>
 *     <li>An <em>orphan</em> is an object of a store that lists ({@code LIST}) which no image that is not
 *     {@code deleted} records, and which is older than the grace period: an upload's object exists a moment before
 *     its location is recorded, so a young object is never an orphan. Orphans are reported; they are deleted only
 *     when asked, each after one more look at the database.</li>
 *     <li><em>Missing data</em>: an active image whose location's object is not in its store (asked with
 *     {@code size}, for stores that read).</li>
 * </ul>
 * Listings are read a batch at a time and compared with the database a batch at a time, so neither the stores nor
 * the database are held in memory. Runs on demand ({@link #sweep}) and every {@code orphan_sweep_interval} inside
 * glance-api ({@link #start}).
 */
public final class OrphanSweeper implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OrphanSweeper.class.getName());
    /** Objects compared with the database per query, and active images read per page. */
    static final int BATCH = 500;

    private final StoredLocations locations;
    private final StoreRegistry stores;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public OrphanSweeper(StoredLocations locations, StoreRegistry stores, Clock clock) {
        this.locations = requireNonNull(locations, "locations is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * One sweep over every store.
     *
     * @param grace    how old an unreferenced object must be to be an orphan
     * @param delete   whether orphans are deleted
     * @param findings receives one line per orphan, missing image and problem, as they are found
     */
    public SweepReport sweep(Duration grace, boolean delete, Consumer<String> findings) {
        requireNonNull(grace, "grace is null");
        requireNonNull(findings, "findings is null");
        SweepReport report = new SweepReport();
        Instant cutoff = clock.instant().minus(grace);
        for (ConfiguredStore store : stores.stores()) {
            if (!store.supports(StoreCapability.LIST)) {
                continue;
            }
            List<ListedObject> batch = new ArrayList<>(BATCH);
            try {
                store.driver().list(object -> {
                    report.listed();
                    batch.add(object);
                    if (batch.size() == BATCH) {
                        compare(store, batch, cutoff, delete, report, findings);
                        batch.clear();
                    }
                });
                compare(store, batch, cutoff, delete, report, findings);
            } catch (StoreException e) {
                problem(report, findings, "store " + store.id() + " could not be listed: " + e.getMessage());
            }
        }
        checkActiveImages(report, findings);
        return report;
    }

    private void compare(ConfiguredStore store, List<ListedObject> batch, Instant cutoff, boolean delete,
                         SweepReport report, Consumer<String> findings) {
        List<ListedObject> old = batch.stream().filter(object -> object.lastModified().isBefore(cutoff)).toList();
        if (old.isEmpty()) {
            return;
        }
        Set<String> referenced = locations.referenced(old.stream().map(object -> object.location().toString())
                .collect(Collectors.toSet()));
        for (ListedObject object : old) {
            if (referenced.contains(object.location().toString())) {
                continue;
            }
            boolean deleted = delete && deleteOrphan(store, object, report, findings);
            SweepReport.Orphan orphan = new SweepReport.Orphan(store.id(), object.key(), object.location(),
                    object.size(), object.lastModified(), deleted);
            report.orphan(orphan);
            findings.accept(orphan.toString());
        }
    }

    /** Deletes an orphan unless an image recorded it since the batch was compared. */
    private boolean deleteOrphan(ConfiguredStore store, ListedObject object, SweepReport report,
                                 Consumer<String> findings) {
        if (!store.supports(StoreCapability.DELETE)) {
            problem(report, findings, "store " + store.id() + " cannot delete orphan " + object.location());
            return false;
        }
        if (!locations.referenced(Set.of(object.location().toString())).isEmpty()) {
            return false;
        }
        try {
            store.driver().delete(object.location());
            return true;
        } catch (ObjectNotFoundException e) {
            return true;
        } catch (StoreException e) {
            problem(report, findings, "orphan " + object.location() + " in store " + store.id()
                    + " was not deleted: " + e.getMessage());
            return false;
        }
    }

    private void checkActiveImages(SweepReport report, Consumer<String> findings) {
        String after = "";
        while (true) {
            List<Image> page = locations.activeAfter(after, BATCH);
            for (Image image : page) {
                report.imageChecked();
                for (ImageLocation location : image.locations()) {
                    checkData(image, location, report, findings);
                }
            }
            if (page.size() < BATCH) {
                return;
            }
            after = page.get(page.size() - 1).id().value();
        }
    }

    private void checkData(Image image, ImageLocation location, SweepReport report, Consumer<String> findings) {
        ConfiguredStore store;
        try {
            store = stores.storeFor(location);
        } catch (GlanceException e) {
            problem(report, findings, "image " + image.id() + ": no configured store holds " + location.url());
            return;
        }
        if (!store.supports(StoreCapability.READ)) {
            return;
        }
        try {
            store.driver().size(URI.create(location.url()));
        } catch (ObjectNotFoundException e) {
            SweepReport.MissingData missing = new SweepReport.MissingData(image.id().value(), store.id(),
                    location.url());
            report.missing(missing);
            findings.accept(missing.toString());
        } catch (StoreException | IllegalArgumentException e) {
            problem(report, findings, "image " + image.id() + ": data at " + location.url() + " in store "
                    + store.id() + " could not be checked: " + e.getMessage());
        }
    }

    private static void problem(SweepReport report, Consumer<String> findings, String problem) {
        report.problem(problem);
        findings.accept("problem " + problem);
    }

    /** Sweeps every {@code interval} of {@code settings} on a daemon thread of its own, logging what it finds. */
    public synchronized void start(SweepSettings settings) {
        requireNonNull(settings, "settings is null");
        if (timer == null && settings.periodic()) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("glance-orphan-sweeper")
                    .daemon(true).factory());
            long period = settings.interval().toMillis();
            timer.scheduleWithFixedDelay(() -> runQuietly(settings), period, period, TimeUnit.MILLISECONDS);
        }
    }

    private void runQuietly(SweepSettings settings) {
        try {
            SweepReport report = sweep(settings.grace(), settings.deleteOrphans(),
                    finding -> LOG.warning("Orphan sweeper: " + finding));
            LOG.info("Orphan sweeper: " + report.summary());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Orphan sweep failed; next run in " + settings.interval(), e);
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
