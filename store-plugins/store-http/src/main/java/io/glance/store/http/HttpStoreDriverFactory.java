package io.glance.store.http;

import io.glance.store.spi.ConfigKey;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreContext;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoreDriverFactory;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** The read-only {@code http} store type: images registered by URL, read with ranged GETs. */
public final class HttpStoreDriverFactory implements StoreDriverFactory {

    @Override
    public String type() {
        return "http";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("http", "https");
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return Set.of(StoreCapability.READ, StoreCapability.READ_RANGE);
    }

    @Override
    public List<ConfigKey> configKeys() {
        return HttpStoreConfig.KEYS;
    }

    @Override
    public StoreDriver create(String storeId, Map<String, String> config, StoreContext context) {
        requireNonNull(storeId, "storeId is null");
        requireNonNull(config, "config is null");
        requireNonNull(context, "context is null");
        HttpStoreConfig parsed = HttpStoreConfig.parse(storeId, config);
        return new HttpStoreDriver(storeId, parsed, new HostPolicy(parsed, InetAddress::getAllByName));
    }
}
