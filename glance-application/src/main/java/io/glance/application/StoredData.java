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

    StoredData(StoreRegistry stores) {
        this.stores = requireNonNull(stores, "stores is null");
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

    void delete(ImageId imageId, ConfiguredStore store, URI location) {
        if (!store.supports(StoreCapability.DELETE)) {
            LOG.warning("Data of image " + imageId + " at " + location + " was not deleted: store " + store.id()
                    + " cannot delete");
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
