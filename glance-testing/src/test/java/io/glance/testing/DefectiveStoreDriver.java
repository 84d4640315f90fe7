package io.glance.testing;

import io.glance.store.spi.ByteRange;
import io.glance.store.spi.DuplicateObjectException;
import io.glance.store.spi.ListedObject;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoredObject;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Breaks any correct driver on purpose, with mistakes real drivers make, so that {@link TckCatchesBrokenDriversTest}
 * can check the TCK catches each one. (A driver that ignores its declared capabilities needs no decorator: a TCK run
 * that declares fewer capabilities than its driver has is that mistake.)
 */
final class DefectiveStoreDriver implements StoreDriver {
    /** Mistakes real drivers make, which the TCK must catch. */
    enum Defect {
        /** Failed writes leave a partial object behind. */
        KEEPS_PARTIALS,
        /** A put for an image that has data replaces it. */
        REPLACES_EXISTING
    }

    private final StoreDriver driver;
    private final Set<Defect> defects;
    private final Function<String, URI> locationOf;
    private final Supplier<List<String>> names;
    private final Set<String> partials = ConcurrentHashMap.newKeySet();

    /**
     * @param locationOf where {@code driver} keeps an image's object
     * @param names      the names of the objects {@code driver} holds
     */
    DefectiveStoreDriver(StoreDriver driver, Set<Defect> defects, Function<String, URI> locationOf,
                         Supplier<List<String>> names) {
        this.driver = requireNonNull(driver, "driver is null");
        this.defects = Set.copyOf(defects);
        this.locationOf = requireNonNull(locationOf, "locationOf is null");
        this.names = requireNonNull(names, "names is null");
    }

    /** What the store holds, partial objects a defective put left behind included. */
    List<String> names() {
        List<String> all = new ArrayList<>(names.get());
        all.addAll(partials);
        return all;
    }

    @Override
    public String storeId() {
        return driver.storeId();
    }

    @Override
    public URI locationOf(String imageId) {
        return locationOf.apply(imageId);
    }

    @Override
    public StoredObject put(String imageId, InputStream data, long expectedSize) {
        try {
            return driver.put(imageId, data, expectedSize);
        } catch (DuplicateObjectException e) {
            if (!defects.contains(Defect.REPLACES_EXISTING)) {
                throw e;
            }
            driver.delete(locationOf.apply(imageId));
            return driver.put(imageId, data, expectedSize);
        } catch (RuntimeException e) {
            if (defects.contains(Defect.KEEPS_PARTIALS)) {
                partials.add("partial-" + imageId + "-" + UUID.randomUUID());
            }
            throw e;
        }
    }

    @Override
    public ObjectData get(URI location, ByteRange range) {
        return driver.get(location, range);
    }

    @Override
    public long size(URI location) {
        return driver.size(location);
    }

    @Override
    public void delete(URI location) {
        driver.delete(location);
    }

    @Override
    public void list(Consumer<? super ListedObject> sink) {
        driver.list(sink);
    }

    @Override
    public void close() {
        driver.close();
    }
}
