package io.glance.store.spi;

/**
 * A byte range of an object, already resolved against its size by the host: {@code offset} is the first byte and
 * {@code length} the number of bytes, both within the object.
 */
public record ByteRange(long offset, long length) {

    public ByteRange {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("invalid range: offset " + offset + ", length " + length);
        }
    }

    public long lastByte() {
        return offset + length - 1;
    }
}
