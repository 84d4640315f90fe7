package com.example.glance.cas;

import io.glance.store.spi.ConfigKey;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreContext;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoreDriverFactory;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The {@code cas} store type: image data in a content-addressed directory, stored once per distinct content.
 * Locations look like {@code cas://<store id>/<image id>}. Found by {@link java.util.ServiceLoader} in the plugin jar,
 * so it needs a public no-argument constructor, and it must not do any work before {@link #create} is called.
 */
public final class CasStoreDriverFactory implements StoreDriverFactory {

    @Override
    public String type() {
        return "cas";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(CasLocations.SCHEME);
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return Set.copyOf(EnumSet.of(StoreCapability.READ, StoreCapability.READ_RANGE, StoreCapability.WRITE,
                StoreCapability.DELETE));
    }

    @Override
    public List<ConfigKey> configKeys() {
        return CasStoreConfig.KEYS;
    }

    /**
     * Opens the store's root directory: creates it when missing, takes ownership of it (one driver per root, see
     * {@link StoreDirectory}), removes what a crash left behind and counts the references to each blob.
     */
    @Override
    public StoreDriver create(String storeId, Map<String, String> config, StoreContext context) {
        requireNonNull(storeId, "storeId is null");
        requireNonNull(config, "config is null");
        requireNonNull(context, "context is null");
        CasStoreConfig parsed = CasStoreConfig.parse(storeId, config);
        StoreDirectory directory = StoreDirectory.open(storeId, parsed.root());
        try {
            BlobReferences references = directory.recover();
            return new CasStoreDriver(storeId, directory, references);
        } catch (RuntimeException | Error e) {
            directory.close();
            throw e;
        }
    }
}
