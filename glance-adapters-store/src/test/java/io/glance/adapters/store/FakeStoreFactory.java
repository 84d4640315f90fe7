package io.glance.adapters.store;

import io.glance.store.spi.ByteRange;
import io.glance.store.spi.ConfigKey;
import io.glance.store.spi.ListedObject;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreContext;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoreDriverFactory;
import io.glance.store.spi.StoredObject;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/** A host-side factory for registry tests: records what it was asked and the drivers it made. */
final class FakeStoreFactory implements StoreDriverFactory {
    private final String type;
    private final Set<String> aliases;
    private final Set<String> schemes;
    private final Set<StoreCapability> capabilities;
    private final List<ConfigKey> keys;
    final List<Map<String, String>> configsReceived = new ArrayList<>();
    final List<FakeDriver> drivers = new ArrayList<>();
    RuntimeException failure;
    Map<String, String> description = Map.of("endpoint", "local");

    FakeStoreFactory(String type, Set<String> aliases, Set<String> schemes, Set<StoreCapability> capabilities,
                     List<ConfigKey> keys) {
        this.type = type;
        this.aliases = aliases;
        this.schemes = schemes;
        this.capabilities = capabilities;
        this.keys = keys;
    }

    /** A read-write store of {@code type} with scheme {@code type} and one optional, one secret option. */
    static FakeStoreFactory readWrite(String type) {
        return new FakeStoreFactory(type, Set.of(), Set.of(type), Set.of(StoreCapability.values()), List.of(
                ConfigKey.optional(type + "_chunk_size", "4096", "Chunk size."),
                ConfigKey.secret(type + "_password", "A credential.")));
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Set<String> aliases() {
        return aliases;
    }

    @Override
    public Set<String> schemes() {
        return schemes;
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return capabilities;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return keys;
    }

    @Override
    public StoreDriver create(String storeId, Map<String, String> config, StoreContext context) {
        requireNonNull(context, "context is null");
        configsReceived.add(config);
        if (failure != null) {
            throw failure;
        }
        FakeDriver driver = new FakeDriver(storeId, type, description);
        drivers.add(driver);
        return driver;
    }

    /** Answers every call (whatever the capabilities) and counts them, so tests see what the guard let through. */
    static class FakeDriver implements StoreDriver {
        private final String storeId;
        private final String scheme;
        private final Map<String, String> description;
        int calls;
        boolean closed;

        FakeDriver(String storeId, String scheme, Map<String, String> description) {
            this.storeId = storeId;
            this.scheme = scheme;
            this.description = description;
        }

        @Override
        public String storeId() {
            return storeId;
        }

        @Override
        public StoredObject put(String imageId, InputStream data, long expectedSize) {
            calls++;
            return new StoredObject(URI.create(scheme + "://" + storeId + "/" + imageId), 0, Map.of());
        }

        @Override
        public ObjectData get(URI location, ByteRange range) {
            calls++;
            return new ObjectData(new ByteArrayInputStream(new byte[0]), 0, 0);
        }

        @Override
        public long size(URI location) {
            calls++;
            return 0;
        }

        @Override
        public void delete(URI location) {
            calls++;
        }

        @Override
        public void list(Consumer<? super ListedObject> sink) {
            calls++;
            sink.accept(new ListedObject("img", URI.create(scheme + "://" + storeId + "/img"), 0,
                    Instant.EPOCH));
        }

        @Override
        public Map<String, String> describe() {
            return description;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
