package io.glance.store.spi;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * An optional capability of a {@link StoreDriver#get} stream whose bytes lie in a local file (since SPI 1.4.0): the
 * host may hand the remaining bytes to a socket with {@link #transferTo(WritableByteChannel)}, which lets the kernel
 * copy them from the page cache (sendfile) instead of through the heap. A stream that does not implement it is read
 * as any {@link java.io.InputStream}; a driver implements it only where the transfer is really zero-copy.
 *
 * <p>Transfers and {@code read}s may be mixed: both consume the same remaining bytes, in order.
 */
public interface ChannelTransferable {

    /**
     * Writes as many of the remaining bytes to {@code target} as it takes now, without waiting.
     *
     * @return how many bytes were written: {@code 0} when {@code target} accepts none at the moment (a non-blocking
     *         socket whose send buffer is full; the caller waits and calls again), {@code -1} when none remain
     * @throws IOException when the file cannot be read, ends before the bytes promised, or {@code target} fails
     */
    long transferTo(WritableByteChannel target) throws IOException;
}
