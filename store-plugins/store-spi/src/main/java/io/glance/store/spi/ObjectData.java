package io.glance.store.spi;

import java.io.InputStream;
import java.util.Objects;

/**
 * An open read of an object. The caller closes {@link #stream()}; {@code length} is the number of bytes the stream
 * will deliver (the range length for ranged reads), and {@code objectSize} the size of the whole object.
 */
public record ObjectData(InputStream stream, long length, long objectSize) {

    public ObjectData {
        Objects.requireNonNull(stream, "stream is null");
    }
}
