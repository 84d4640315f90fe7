package io.glance.store.spi;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An optional capability of a {@link StoreDriver#get} stream whose bytes lie in a local file (since SPI 1.9.0): the
 * host may read the remaining bytes straight into a buffer of its own with {@link #read(ByteBuffer)}. Into a direct
 * buffer that is one copy, from the page cache, and none through the heap: the host then writes the buffer to a
 * socket itself, as a web server with sendfile off does (on loopback that outran sendfile, bench/README). A stream
 * that offers it is a {@link ChannelTransferable} too, and all three ways of reading may be mixed: they consume the
 * same remaining bytes, in order.
 */
public interface BufferReadable {

    /**
     * Reads up to {@code target.remaining()} of the remaining bytes into {@code target}, advancing its position.
     *
     * @return how many bytes were read, {@code -1} when none remain
     * @throws IOException when the file cannot be read or ends before the bytes promised
     */
    int read(ByteBuffer target) throws IOException;
}
