package io.glance.store.spi;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One object a store holds, as {@link StoreDriver#list} reports it.
 *
 * @param key          the object's name inside the store (file name, object key), for messages and logs
 * @param location     the location the driver would return from {@code put} for it, so the host can compare it with
 *                     the locations images record; {@code get}, {@code size} and {@code delete} accept it
 * @param size         its size in bytes
 * @param lastModified when it was last written, as the store reports it
 * @since 1.6.0
 */
public record ListedObject(String key, URI location, long size, Instant lastModified) {

    public ListedObject {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(location, "location is null");
        Objects.requireNonNull(lastModified, "lastModified is null");
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
    }
}
