package io.glance.server;

import io.glance.adapters.db.GlanceDatabase;
import io.glance.application.ContentDeduplication;
import io.glance.application.DedupCheckpoints;
import io.glance.application.InterruptedUploadRecovery;
import io.glance.config.ConfigurationException;
import io.glance.config.OptionValues;
import io.glance.ports.out.ConfiguredStore;
import io.glance.ports.out.StoreRegistry;
import io.glance.server.config.ServerSettings;

import java.util.List;

/**
 * Content-addressed storage for the stores whose section says {@code dedup: true}: the bookkeeping lives in the
 * images' database (with {@code data_api: registry} there is none here, so such a store is refused), and this node's
 * journal entries carry the same worker name as its import tasks.
 */
final class DedupSetup {

    private DedupSetup() {
    }

    /**
     * @param database the images' database, or {@code null} with {@code data_api: registry}
     * @throws ConfigurationException when a store dedups without a database
     */
    static ContentDeduplication of(OptionValues options, ServerSettings server, StoreRegistry stores,
                                   GlanceDatabase database) {
        List<String> dedupStores = dedupStores(stores);
        DedupCheckpoints checkpoints = DedupCheckpoints.from(options);
        if (dedupStores.isEmpty()) {
            return new ContentDeduplication(null, stores, checkpoints);
        }
        if (database == null) {
            throw new ConfigurationException("dedup: true (store " + String.join(", ", dedupStores) + ") needs"
                    + " data_api: database; the reference counts live in the images' database");
        }
        return new ContentDeduplication(database.contentIndex(ImportSetup.worker(server),
                options.get(InterruptedUploadRecovery.GRACE_PERIOD)), stores, checkpoints);
    }

    static List<String> dedupStores(StoreRegistry stores) {
        return stores.stores().stream().filter(ConfiguredStore::dedup).map(ConfiguredStore::id).toList();
    }
}
