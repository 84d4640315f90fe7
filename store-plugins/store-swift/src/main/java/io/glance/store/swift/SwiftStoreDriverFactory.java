package io.glance.store.swift;

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

/** The {@code swift} store type: images in an OpenStack Swift container, reached through tempauth or Keystone v3. */
public final class SwiftStoreDriverFactory implements StoreDriverFactory {

    @Override
    public String type() {
        return "swift";
    }

    @Override
    public Set<String> schemes() {
        return SwiftLocations.SCHEMES;
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return Set.copyOf(EnumSet.of(StoreCapability.READ, StoreCapability.READ_RANGE, StoreCapability.WRITE,
                StoreCapability.DELETE, StoreCapability.LIST,
                StoreCapability.DEDUP));
    }

    @Override
    public List<ConfigKey> configKeys() {
        return SwiftStoreConfig.KEYS;
    }

    /** Checks the options and builds the jclouds context; Swift itself is first contacted by the first request. */
    @Override
    public StoreDriver create(String storeId, Map<String, String> config, StoreContext context) {
        requireNonNull(storeId, "storeId is null");
        requireNonNull(config, "config is null");
        requireNonNull(context, "context is null");
        SwiftStoreConfig parsed = SwiftStoreConfig.parse(storeId, config);
        SwiftClient client = SwiftClient.create(storeId, parsed);
        try {
            return new SwiftStoreDriver(storeId, parsed, client);
        } catch (RuntimeException | Error e) {
            client.close();
            throw e;
        }
    }
}
