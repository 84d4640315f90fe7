package io.glance.store.s3;

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
 * The {@code s3} store type with glance_store's option names. Creating a driver does not contact the service, so
 * glance-api starts while S3 is down; the first request reports it unavailable instead.
 */
public final class S3StoreDriverFactory implements StoreDriverFactory {

    @Override
    public String type() {
        return "s3";
    }

    @Override
    public Set<String> schemes() {
        return S3Location.SCHEMES;
    }

    @Override
    public Set<StoreCapability> capabilities() {
        // Listed one by one: a capability added to the SPI later is not something this driver does by default.
        return Set.copyOf(EnumSet.of(StoreCapability.READ, StoreCapability.READ_RANGE, StoreCapability.WRITE,
                StoreCapability.DELETE, StoreCapability.LIST, StoreCapability.DEDUP));
    }

    @Override
    public List<ConfigKey> configKeys() {
        return S3StoreConfig.KEYS;
    }

    @Override
    public StoreDriver create(String storeId, Map<String, String> config, StoreContext context) {
        requireNonNull(storeId, "storeId is null");
        requireNonNull(config, "config is null");
        requireNonNull(context, "context is null");
        S3StoreConfig parsed = S3StoreConfig.parse(storeId, config);
        return new S3StoreDriver(storeId, parsed, S3Clients.create(parsed));
    }
}
