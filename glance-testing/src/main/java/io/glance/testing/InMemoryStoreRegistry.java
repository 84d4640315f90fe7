package io.glance.testing;

import io.glance.domain.ImageLocation;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.ports.out.ConfiguredStore;
import io.glance.ports.out.StoreRegistry;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A {@link StoreRegistry} over fixed stores. {@link #of} builds one from {@link InMemoryStoreDriver}s (the first is
 * the default; several make it multi-store); the constructor takes any {@link ConfiguredStore}s.
 */
public final class InMemoryStoreRegistry implements StoreRegistry {
    private final List<ConfiguredStore> stores;
    private final ConfiguredStore defaultStore;
    private final boolean multiStore;

    /**
     * @param stores     in configuration order; the one marked default (else the first) takes new data
     * @param multiStore whether to behave as Glance's {@code enabled_backends} mode
     */
    public InMemoryStoreRegistry(List<ConfiguredStore> stores, boolean multiStore) {
        this.stores = List.copyOf(requireNonNull(stores, "stores is null"));
        if (this.stores.isEmpty()) {
            throw new IllegalArgumentException("stores is empty");
        }
        this.defaultStore = this.stores.stream().filter(ConfiguredStore::isDefault).findFirst()
                .orElse(this.stores.get(0));
        this.multiStore = multiStore;
    }

    /** Stores for these drivers, the first being the default; more than one driver means multi-store mode. */
    public static InMemoryStoreRegistry of(InMemoryStoreDriver... drivers) {
        List<ConfiguredStore> stores = new ArrayList<>();
        for (int i = 0; i < drivers.length; i++) {
            stores.add(configured(drivers[i], i == 0));
        }
        return new InMemoryStoreRegistry(stores, drivers.length > 1);
    }

    /** A store of type {@code memory} for a driver, with the driver's capabilities. */
    public static ConfiguredStore configured(InMemoryStoreDriver driver, boolean isDefault) {
        requireNonNull(driver, "driver is null");
        return new ConfiguredStore(driver.storeId(), "memory", "In-memory store " + driver.storeId(), isDefault,
                driver.capabilities(), Map.of(), driver);
    }

    @Override
    public ConfiguredStore defaultStore() {
        return defaultStore;
    }

    @Override
    public ConfiguredStore store(String storeId) {
        requireNonNull(storeId, "storeId is null");
        return stores.stream().filter(store -> store.id().equals(storeId)).findFirst()
                .orElseThrow(() -> new InvalidInputException("Store for identifier " + storeId + " not found"));
    }

    /** By the recorded store id, else by the {@code memory://<storeId>/} form of the URL. */
    @Override
    public ConfiguredStore storeFor(ImageLocation location) {
        requireNonNull(location, "location is null");
        String storeId = location.storeId();
        if (storeId == null) {
            URI url = URI.create(location.url());
            storeId = "memory".equals(url.getScheme()) ? url.getHost() : null;
        }
        for (ConfiguredStore store : stores) {
            if (store.id().equals(storeId)) {
                return store;
            }
        }
        throw new NotFoundException("No configured store holds location " + location.url());
    }

    @Override
    public List<ConfiguredStore> stores() {
        return stores;
    }

    @Override
    public boolean multiStore() {
        return multiStore;
    }
}
