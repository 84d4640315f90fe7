package io.glance.store.tck;

import io.glance.store.spi.ByteRange;
import io.glance.store.spi.DuplicateObjectException;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.SizeMismatchException;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoredObject;
import io.glance.store.spi.UnsupportedCapabilityException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static java.util.Objects.requireNonNull;

/**
 * The smallest correct driver, used to test the TCK itself: objects in a map, writes staged under a partial name
 * that the TCK can see, and capabilities enforced as the SPI requires. {@link Defect}s break it on purpose.
 */
final class InMemoryStoreDriver implements StoreDriver {
    /** Mistakes real drivers make, which the TCK must catch. */
    enum Defect {
        /** Failed writes leave their partial object behind. */
        KEEPS_PARTIALS,
        /** Operations the store did not declare are served anyway. */
        IGNORES_CAPABILITIES,
        /** A put for an image that has data replaces it. */
        REPLACES_EXISTING
    }

    private final String storeId;
    private final Set<StoreCapability> capabilities;
    private final Set<Defect> defects;
    private final ConcurrentMap<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Set<String> partials = ConcurrentHashMap.newKeySet();

    InMemoryStoreDriver(String storeId, Set<StoreCapability> capabilities) {
        this(storeId, capabilities, Set.of());
    }

    InMemoryStoreDriver(String storeId, Set<StoreCapability> capabilities, Set<Defect> defects) {
        this.storeId = requireNonNull(storeId, "storeId is null");
        this.capabilities = Set.copyOf(capabilities);
        this.defects = Set.copyOf(defects);
    }

    @Override
    public String storeId() {
        return storeId;
    }

    @Override
    public StoredObject put(String imageId, InputStream data, long expectedSize) {
        require(StoreCapability.WRITE);
        if (objects.containsKey(imageId) && !defects.contains(Defect.REPLACES_EXISTING)) {
            throw new DuplicateObjectException("image " + imageId + " already has data in store " + storeId);
        }
        String partial = "partial-" + imageId + "-" + UUID.randomUUID();
        partials.add(partial);
        byte[] bytes;
        try {
            bytes = readAll(imageId, data, expectedSize);
        } catch (RuntimeException e) {
            if (!defects.contains(Defect.KEEPS_PARTIALS)) {
                partials.remove(partial);
            }
            throw e;
        }
        partials.remove(partial);
        if (defects.contains(Defect.REPLACES_EXISTING)) {
            objects.put(imageId, bytes);
            return new StoredObject(locationOf(imageId), bytes.length, Map.of());
        }
        return place(imageId, bytes);
    }

    /** Bypasses capabilities, as a test seeding a read-only store does. */
    StoredObject place(String imageId, byte[] bytes) {
        if (objects.putIfAbsent(imageId, bytes) != null) {
            throw new DuplicateObjectException("image " + imageId + " already has data in store " + storeId);
        }
        return new StoredObject(locationOf(imageId), bytes.length, Map.of());
    }

    URI locationOf(String imageId) {
        return URI.create("memory://" + storeId + "/" + imageId);
    }

    List<String> names() {
        List<String> names = new ArrayList<>(objects.keySet());
        names.addAll(partials);
        return names;
    }

    @Override
    public ObjectData get(URI location, ByteRange range) {
        require(StoreCapability.READ);
        if (range != null) {
            require(StoreCapability.READ_RANGE);
        }
        byte[] bytes = find(location);
        if (range == null) {
            return new ObjectData(new ByteArrayInputStream(bytes), bytes.length, bytes.length);
        }
        return new ObjectData(new ByteArrayInputStream(bytes, (int) range.offset(), (int) range.length()),
                range.length(), bytes.length);
    }

    @Override
    public long size(URI location) {
        require(StoreCapability.READ);
        return find(location).length;
    }

    @Override
    public void delete(URI location) {
        require(StoreCapability.DELETE);
        if (objects.remove(nameOf(location)) == null) {
            throw new ObjectNotFoundException("no object at " + location);
        }
    }

    private byte[] find(URI location) {
        byte[] bytes = objects.get(nameOf(location));
        if (bytes == null) {
            throw new ObjectNotFoundException("no object at " + location);
        }
        return bytes;
    }

    private static String nameOf(URI location) {
        return location.getPath().substring(1);
    }

    private byte[] readAll(String imageId, InputStream data, long expectedSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int count = data.read(buffer); count >= 0; count = data.read(buffer)) {
                out.write(buffer, 0, count);
                if (expectedSize >= 0 && out.size() > expectedSize) {
                    throw new SizeMismatchException("image " + imageId + ": expected " + expectedSize
                            + " bytes, received more");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the data of image " + imageId + " failed", e);
        }
        if (expectedSize >= 0 && out.size() != expectedSize) {
            throw new SizeMismatchException("image " + imageId + ": expected " + expectedSize + " bytes, received "
                    + out.size());
        }
        return out.toByteArray();
    }

    private void require(StoreCapability capability) {
        if (!capabilities.contains(capability) && !defects.contains(Defect.IGNORES_CAPABILITIES)) {
            throw new UnsupportedCapabilityException(storeId, capability);
        }
    }
}
