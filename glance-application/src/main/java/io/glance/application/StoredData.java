package io.glance.application;

import io.glance.domain.GlanceException;
import io.glance.domain.ImageId;
import io.glance.domain.ImageLocation;
import io.glance.ports.out.ConfiguredStore;
import io.glance.ports.out.StoreRegistry;
import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreException;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Deletes image data from the stores after the metadata no longer points at it. Failures are logged, not thrown:
 * by then the image is already deleted (or the upload already failed), and the caller's answer must not change
 * because a store is slow to forget; an operator can find the orphan from the log line.
 */
final class StoredData {
    private static final Logger LOG = Logger.getLogger(StoredData.class.getName());

    private final StoreRegistry stores;
    private final ContentDeduplication dedup;

    StoredData(StoreRegistry stores) {
        this(stores, ContentDeduplication.off(stores));
    }

    /** @param dedup how stores with {@code dedup: true} keep one object per content */
    StoredData(StoreRegistry stores, ContentDeduplication dedup) {
        this.stores = requireNonNull(stores, "stores is null");
        this.dedup = requireNonNull(dedup, "dedup is null");
    }

    /** The writes into dedup stores go through it: {@code begin}, {@code put}, {@code adopt}, {@code finish}. */
    ContentDeduplication dedup() {
        return dedup;
    }

    void deleteAll(ImageId imageId, List<ImageLocation> locations) {
        for (ImageLocation location : locations) {
            try {
                delete(imageId, stores.storeFor(location), URI.create(location.url()));
            } catch (GlanceException | IllegalArgumentException e) {
                LOG.warning("Data of image " + imageId + " at " + location.url() + " was not deleted: "
                        + e.getMessage());
            }
        }
    }

    /**
     * Deletes every location's data, reporting instead of logging: the scrubber keeps an image pending while any of
     * its data could not be deleted, and tries again at its next run.
     *
     * @return why a location's data is still there, empty when all of it is gone
     */
    Optional<String> deleteAllOrExplain(ImageId imageId, List<ImageLocation> locations) {
        for (ImageLocation location : locations) {
            try {
                ConfiguredStore store = stores.storeFor(location);
                if (!store.supports(StoreCapability.DELETE)) {
                    continue;
                }
                if (store.dedup()) {
                    // Other images may hold the same object: only the last reference deletes it.
                    Optional<String> left = dedup.release(store, URI.create(location.url()), imageId);
                    if (left.isPresent()) {
                        return left;
                    }
                    continue;
                }
                store.driver().delete(URI.create(location.url()));
            } catch (ObjectNotFoundException e) {
                // Already gone (a previous scrub was cut off after deleting it).
            } catch (GlanceException | StoreException | IllegalArgumentException e) {
                return Optional.of(location.url() + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    void delete(ImageId imageId, ConfiguredStore store, URI location) {
        if (!store.supports(StoreCapability.DELETE)) {
            LOG.warning("Data of image " + imageId + " at " + location + " was not deleted: store " + store.id()
                    + " cannot delete");
            return;
        }
        if (store.dedup()) {
            // Other images may hold the same object: only the last reference deletes it. A failure is logged there.
            dedup.release(store, location, imageId);
            return;
        }
        try {
            store.driver().delete(location);
        } catch (ObjectNotFoundException e) {
            // Already gone: what we wanted.
        } catch (StoreException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Data of image " + imageId + " at " + location + " in store " + store.id()
                    + " was not deleted", e);
        }
    }
}
