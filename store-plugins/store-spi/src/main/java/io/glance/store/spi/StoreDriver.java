package io.glance.store.spi;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One configured store. Drivers must be safe for concurrent use. The host checks {@link StoreCapability capabilities}
 * before each call; a driver called anyway throws {@link UnsupportedCapabilityException}.
 */
public interface StoreDriver extends AutoCloseable {

    /** The store id this driver was created for. */
    String storeId();

    /**
     * Writes a new object for an image from {@code data} until its end. The object must appear atomically (written
     * under a temporary name and published at the end), and nothing may be left behind when this method throws.
     *
     * @param imageId      the image the object belongs to; drivers derive the object name from it
     * @param data         the bytes; already counted, limited, held to {@code expectedSize} and hashed by the host.
     *                     Read it to its end; do not close it
     * @param expectedSize the size announced by the client, or {@code -1} when unknown (chunked upload); since SPI 1.2
     *                     the host's stream holds the data to it (it throws {@link SizeMismatchException} at the first
     *                     extra byte, before delivering the last announced one, or at an early end), so a driver may
     *                     use it (e.g. as a content length) without checking it
     * @return where the object was written and how many bytes it holds
     * @throws DuplicateObjectException    when an object for this image already exists
     * @throws SizeMismatchException       when {@code expectedSize >= 0} and the stream held another number of bytes:
     *                                     thrown by the host's stream since SPI 1.2, and to be passed on unchanged like
     *                                     its other exceptions; checking the size is no longer the driver's duty
     *                                     (deprecated; drivers built against SPI 1.0 and 1.1 still do, harmlessly)
     * @throws StorageFullException        when the store ran out of space
     * @throws WriteDeniedException        when the store refused the write
     * @throws StoreUnavailableException   when the store could not be reached
     * @throws java.io.UncheckedIOException when reading {@code data} failed (the client went away); also cleaned up
     * @throws RuntimeException            whatever unchecked exception {@code data} itself throws (the host's size cap
     *                                     and quota checks run inside it), unchanged, after cleaning up
     */
    StoredObject put(String imageId, InputStream data, long expectedSize);

    /**
     * Opens an object for reading, whole ({@code range == null}) or a byte range already resolved by the host.
     *
     * @throws ObjectNotFoundException when there is no object at {@code location}
     */
    ObjectData get(URI location, ByteRange range);

    /** The size of the object at {@code location}. @throws ObjectNotFoundException when absent */
    long size(URI location);

    /** Deletes the object at {@code location}. @throws ObjectNotFoundException when it is already gone */
    void delete(URI location);

    /**
     * Hands every object the store holds to {@code sink}, one at a time, as the listing is read: page by page from
     * a remote store, entry by entry from a directory, so a driver never holds the whole listing. Only what the store
     * itself would name by a location counts: finished image objects, not uploads in progress, partial files or the
     * segments of large objects. Objects written or deleted while the listing runs may or may not be delivered; the
     * order is unspecified. Declared with {@link StoreCapability#LIST}.
     *
     * @param sink receives each object; an exception it throws ends the listing and reaches the caller unchanged
     * @throws StoreUnavailableException when the store could not be read
     * @throws UnsupportedCapabilityException when the driver does not list (the default)
     * @since 1.6.0
     */
    default void list(Consumer<? super ListedObject> sink) {
        throw new UnsupportedCapabilityException(storeId(), StoreCapability.LIST);
    }

    /**
     * The location {@link #put put} would give an object written for {@code imageId}, computed without touching the
     * store. The host of a {@link StoreCapability#DEDUP} store journals it before writing, so that an object a crash
     * left behind (written, but not yet counted by the host) can be found and deleted at the next start.
     *
     * @throws UnsupportedCapabilityException when the driver does not declare {@code DEDUP} (the default)
     * @since 1.7.0 (DEDUP came in 1.5.0 without it; glance-api refuses {@code dedup: true} on a store whose driver
     *        does not implement it)
     */
    default URI locationOf(String imageId) {
        throw new UnsupportedCapabilityException(storeId(), StoreCapability.DEDUP);
    }

    /**
     * Whether {@link #putLocalFile putLocalFile} would store {@code file} without copying its bytes, e.g. as a hard
     * link of the file into a filesystem store on the same file system. The host asks before an import writes its
     * staged (say, converted) data: when the answer is yes it digests the file in a read of its own, beside the
     * store's fsync, instead of streaming a copy through {@link #put put}. The default is {@code false}.
     *
     * @since 1.8.0 (hosts of earlier SPIs never call it)
     */
    default boolean takesLocalFile(Path file) {
        return false;
    }

    /**
     * Stores the host's local file {@code file} of {@code size} bytes as the object of {@code imageId}, as
     * {@link #put put} would (same names, same durability: the data is on disk when this returns, same exceptions),
     * taking the file itself where {@link #takesLocalFile} said so. The host has counted, limited and digested the
     * bytes already and never changes the file afterwards; it may delete its own name of the file at any time after
     * this returns. The default copies the file through {@link #put put}.
     *
     * @since 1.8.0 (hosts of earlier SPIs never call it)
     */
    default StoredObject putLocalFile(String imageId, Path file, long size) {
        try (InputStream data = Files.newInputStream(file)) {
            return put(imageId, data, size);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("reading " + file + " for image " + imageId + " failed", e);
        }
    }

    /**
     * Proves that the store's backend can be reached now (glance-api's {@code /healthcheck} calls it): returns
     * normally when it can, throws {@link StoreUnavailableException} saying why when it cannot. It must be cheap and
     * must not change what the store holds for good. The default returns normally: a driver that cannot tell without
     * real traffic keeps it.
     *
     * @since 1.3.0 (hosts of earlier SPIs never call it)
     */
    default void checkReachable() {
    }

    /** Properties for {@code /v2/info/stores/detail} (never secrets), e.g. {@code data_dir}. */
    default Map<String, String> describe() {
        return Map.of();
    }

    /** Releases clients, pools and threads. */
    @Override
    default void close() {
    }
}
