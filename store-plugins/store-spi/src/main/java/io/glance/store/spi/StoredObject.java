package io.glance.store.spi;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * What a driver wrote: the location the host records on the image, the number of bytes, and driver metadata
 * (shown as the location's metadata; never credentials).
 */
public record StoredObject(URI location, long size, Map<String, String> metadata) {

    public StoredObject {
        Objects.requireNonNull(location, "location is null");
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
        metadata = Map.copyOf(metadata);
    }
}
