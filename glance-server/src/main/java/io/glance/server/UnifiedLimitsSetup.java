package io.glance.server;

import io.glance.adapters.keystone.KeystoneLimits;
import io.glance.adapters.keystone.LimitSettings;
import io.glance.application.UnifiedLimits;
import io.glance.config.ConfigurationException;
import io.glance.ports.out.ImageTally;
import io.glance.ports.out.StorageUsage;

/** {@code use_keystone_limits} wired: Keystone's limits API (the Keystone adapter) against the database's usage. */
final class UnifiedLimitsSetup {

    private UnifiedLimitsSetup() {
    }

    /**
     * @param settings {@code null} when {@code use_keystone_limits} is off
     * @param storage  the database's storage sums, {@code null} with {@code data_api: registry}
     * @param tally    the database's image counts, {@code null} with {@code data_api: registry}
     */
    static UnifiedLimits of(LimitSettings settings, StorageUsage storage, ImageTally tally) {
        if (settings == null) {
            return UnifiedLimits.off();
        }
        if (storage == null || tally == null) {
            throw new ConfigurationException("use_keystone_limits needs data_api: database; glance-registry cannot"
                    + " count a project's images");
        }
        return UnifiedLimits.of(KeystoneLimits.of(settings), storage, tally);
    }
}
