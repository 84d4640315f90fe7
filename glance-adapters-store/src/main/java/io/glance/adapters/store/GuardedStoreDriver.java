package io.glance.adapters.store;

import io.glance.store.spi.ByteRange;
import io.glance.store.spi.ListedObject;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoredObject;
import io.glance.store.spi.UnsupportedCapabilityException;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Enforces a store's declared capabilities before its driver is called, so a read-only store is read-only because
 * it says so, whatever its driver would do: writes need {@code WRITE}, reads and sizes {@code READ}, ranged reads
 * also {@code READ_RANGE}, deletes {@code DELETE}, listings {@code LIST}. Also refuses a driver answer of {@code null}, which the SPI
 * forbids, before it turns into a NullPointerException far from the plugin that caused it.
 */
public final class GuardedStoreDriver implements StoreDriver {
    private final StoreDriver driver;
    private final Set<StoreCapability> capabilities;
    private final StoreTraffic traffic = new StoreTraffic();

    public GuardedStoreDriver(StoreDriver driver, Set<StoreCapability> capabilities) {
        this.driver = requireNonNull(driver, "driver is null");
        this.capabilities = Set.copyOf(capabilities);
    }

    public Set<StoreCapability> capabilities() {
        return capabilities;
    }

    /** The bytes that went through this store and the uploads running now. */
    public StoreTraffic traffic() {
        return traffic;
    }

    @Override
    public String storeId() {
        return driver.storeId();
    }

    @Override
    public StoredObject put(String imageId, InputStream data, long expectedSize) {
        require(StoreCapability.WRITE);
        traffic.uploadStarted();
        try {
            return answered(driver.put(imageId, traffic.countingWrites(data), expectedSize), "put");
        } finally {
            traffic.uploadEnded();
        }
    }

    @Override
    public boolean takesLocalFile(Path file) {
        return capabilities.contains(StoreCapability.WRITE) && driver.takesLocalFile(requireNonNull(file, "file is null"));
    }

    @Override
    public StoredObject putLocalFile(String imageId, Path file, long size) {
        require(StoreCapability.WRITE);
        traffic.uploadStarted();
        try {
            StoredObject stored = answered(driver.putLocalFile(imageId, requireNonNull(file, "file is null"), size),
                    "putLocalFile");
            traffic.written(stored.size());
            return stored;
        } finally {
            traffic.uploadEnded();
        }
    }

    @Override
    public ObjectData get(URI location, ByteRange range) {
        require(StoreCapability.READ);
        if (range != null) {
            require(StoreCapability.READ_RANGE);
        }
        ObjectData data = answered(driver.get(location, range), "get");
        return new ObjectData(traffic.countingReads(data.stream()), data.length(), data.objectSize());
    }

    @Override
    public long size(URI location) {
        require(StoreCapability.READ);
        return driver.size(location);
    }

    @Override
    public void delete(URI location) {
        require(StoreCapability.DELETE);
        driver.delete(location);
    }

    @Override
    public void list(Consumer<? super ListedObject> sink) {
        require(StoreCapability.LIST);
        requireNonNull(sink, "sink is null");
        driver.list(object -> sink.accept(answered(object, "list")));
    }

    @Override
    public URI locationOf(String imageId) {
        require(StoreCapability.DEDUP);
        return driver.locationOf(imageId);
    }

    @Override
    public void checkReachable() {
        driver.checkReachable();
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> description = driver.describe();
        return description == null ? Map.of() : Map.copyOf(description);
    }

    @Override
    public void close() {
        driver.close();
    }

    private void require(StoreCapability capability) {
        if (!capabilities.contains(capability)) {
            throw new UnsupportedCapabilityException(driver.storeId(), capability);
        }
    }

    private <T> T answered(T answer, String operation) {
        if (answer == null) {
            throw new IllegalStateException("the driver of store '" + driver.storeId() + "' ("
                    + driver.getClass().getName() + ") returned null from " + operation);
        }
        return answer;
    }
}
