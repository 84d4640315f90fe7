package io.glance.testing;

import io.glance.store.spi.ByteRange;
import io.glance.store.spi.DuplicateObjectException;
import io.glance.store.spi.ListedObject;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.ObjectNotFoundException;
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
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * A {@link StoreDriver} holding objects in memory at {@code memory://<storeId>/<imageId>}, following the SPI contract:
 * a put publishes its object only once the whole stream was read (nothing is left behind when it throws), a second
 * put for one image is a {@link DuplicateObjectException} (the declared size is the host's to enforce, SPI 1.2),
 * and undeclared capabilities are refused with
 * {@link UnsupportedCapabilityException}. Tests can make the next put fail with {@link #failNextPut}.
 */
public final class InMemoryStoreDriver implements StoreDriver {
    /** What the driver can do unless told otherwise. */
    public static final Set<StoreCapability> ALL_CAPABILITIES = Set.copyOf(EnumSet.allOf(StoreCapability.class));

    private static final int CHUNK = 64 * 1024;

    private final String storeId;
    private final Set<StoreCapability> capabilities;
    private final ConcurrentMap<String, byte[]> objects;
    /** When each object was written, for {@link #list}; shared with {@link #reopened} drivers like the objects. */
    private final ConcurrentMap<String, Instant> written;
    private final AtomicReference<RuntimeException> nextPutFailure = new AtomicReference<>();

    /** A store that can read (ranges too), write and delete. */
    public InMemoryStoreDriver(String storeId) {
        this(storeId, ALL_CAPABILITIES);
    }

    /** A store with only these capabilities, e.g. a read-only one or one without ranged reads. */
    public InMemoryStoreDriver(String storeId, Set<StoreCapability> capabilities) {
        this(storeId, capabilities, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    private InMemoryStoreDriver(String storeId, Set<StoreCapability> capabilities,
                                ConcurrentMap<String, byte[]> objects, ConcurrentMap<String, Instant> written) {
        this.storeId = requireNonNull(storeId, "storeId is null");
        this.capabilities = Set.copyOf(requireNonNull(capabilities, "capabilities is null"));
        this.objects = objects;
        this.written = written;
    }

    /**
     * Another driver over the same objects, as a restarted host creates one over a store that outlives it (the
     * TCK's dedup cases read and delete through it what this one wrote).
     */
    public InMemoryStoreDriver reopened() {
        return new InMemoryStoreDriver(storeId, capabilities, objects, written);
    }

    @Override
    public String storeId() {
        return storeId;
    }

    /** What this driver declares; the registry builds its {@code ConfiguredStore} from it. */
    public Set<StoreCapability> capabilities() {
        return capabilities;
    }

    @Override
    public StoredObject put(String imageId, InputStream data, long expectedSize) {
        requireNonNull(imageId, "imageId is null");
        requireNonNull(data, "data is null");
        require(StoreCapability.WRITE);
        if (objects.containsKey(imageId)) {
            throw new DuplicateObjectException("Image " + imageId + " already has data in store " + storeId);
        }
        byte[] bytes = readAll(imageId, data);
        // Like a full disk found at the end of a write: the data was consumed, nothing is published.
        RuntimeException failure = nextPutFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
        written.put(imageId, Instant.now());
        if (objects.putIfAbsent(imageId, bytes) != null) {
            throw new DuplicateObjectException("Image " + imageId + " already has data in store " + storeId);
        }
        return new StoredObject(locationOf(imageId), bytes.length, Map.of());
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
        if (range.offset() + range.length() > bytes.length) {
            throw new IllegalArgumentException("Range " + range + " lies outside object " + location + " of "
                    + bytes.length + " bytes");
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
            throw new ObjectNotFoundException("No object at " + location + " in store " + storeId);
        }
    }

    @Override
    public void list(Consumer<? super ListedObject> sink) {
        require(StoreCapability.LIST);
        objects.forEach((name, bytes) -> sink.accept(new ListedObject(name, locationOf(name), bytes.length,
                written.getOrDefault(name, Instant.EPOCH))));
    }

    // ---- for tests -----------------------------------------------------------------------------------------

    /** The next put reads its data to the end and then throws {@code failure} instead of publishing the object. */
    public void failNextPut(RuntimeException failure) {
        nextPutFailure.set(requireNonNull(failure, "failure is null"));
    }

    /** Places an object without checking capabilities, as a test seeding a read-only store does. */
    public StoredObject place(String imageId, byte[] bytes) {
        return place(imageId, bytes, Instant.now());
    }

    /** {@link #place(String, byte[])} with the time {@link #list} reports for the object. */
    public StoredObject place(String imageId, byte[] bytes, Instant lastModified) {
        requireNonNull(bytes, "bytes is null");
        written.put(requireNonNull(imageId, "imageId is null"), requireNonNull(lastModified, "lastModified is null"));
        if (objects.putIfAbsent(requireNonNull(imageId, "imageId is null"), bytes.clone()) != null) {
            throw new DuplicateObjectException("Image " + imageId + " already has data in store " + storeId);
        }
        return new StoredObject(locationOf(imageId), bytes.length, Map.of());
    }

    /** The bytes stored for an image, if any. */
    public Optional<byte[]> bytesOf(String imageId) {
        return Optional.ofNullable(objects.get(requireNonNull(imageId, "imageId is null"))).map(byte[]::clone);
    }

    /** The names of the objects the store holds (image ids), for the TCK's "nothing left behind" checks. */
    public List<String> names() {
        return List.copyOf(objects.keySet());
    }

    /** How many objects the store holds. */
    public int objectCount() {
        return objects.size();
    }

    /** Where the object of an image is (or would be) stored; declared or not, the tests may ask. */
    @Override
    public URI locationOf(String imageId) {
        return URI.create("memory://" + storeId + "/" + imageId);
    }

    private byte[] find(URI location) {
        byte[] bytes = objects.get(nameOf(location));
        if (bytes == null) {
            throw new ObjectNotFoundException("No object at " + location + " in store " + storeId);
        }
        return bytes;
    }

    private String nameOf(URI location) {
        requireNonNull(location, "location is null");
        if (!"memory".equals(location.getScheme()) || !storeId.equals(location.getHost())
                || location.getPath() == null || location.getPath().length() < 2) {
            throw new ObjectNotFoundException("Location " + location + " is not in store " + storeId);
        }
        return location.getPath().substring(1);
    }

    private byte[] readAll(String imageId, InputStream data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[CHUNK];
        try {
            for (int count = data.read(buffer); count >= 0; count = data.read(buffer)) {
                out.write(buffer, 0, count);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the data of image " + imageId + " failed", e);
        }
        return out.toByteArray();
    }

    private void require(StoreCapability capability) {
        if (!capabilities.contains(capability)) {
            throw new UnsupportedCapabilityException(storeId, capability);
        }
    }
}
