package io.glance.application;

import com.sun.nio.file.ExtendedOpenOption;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Positional reads of a file that bypass the page cache ({@code O_DIRECT}) where the file system allows it, for data
 * read once on its way into a store: image_conversion's raw output, which qemu-img writes past the page cache too.
 * Reading it through the cache would fill gigabytes of page cache (pages allocated, copied into, then reclaimed) for
 * bytes nobody reads again. Each direct read asks for up to {@link #READ_SIZE} of the bytes the caller says are final,
 * and hands them out over the following calls: at one request in flight, 8 MiB reads ran at 860 MB/s where 1 MiB
 * reads ran at 416 MB/s (dd iflag=direct on this VM's disk, load 15), slower than the md5 worker hashes. Reads at a
 * position that is not a multiple of {@link #ALIGNMENT}, and every read once the
 * file system has refused one, go through the ordinary channel instead: same bytes, from the cache.
 * <p>
 * An {@code O_DIRECT} read of a range the page cache holds dirty writes that range out first, so it always returns
 * what was last written. Not thread-safe: one reader.
 */
final class UncachedReads implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UncachedReads.class.getName());
    /** File offsets, lengths and the buffer's address are multiples of this (any block size up to 4 KiB). */
    static final int ALIGNMENT = 4096;
    /** Bytes per direct read. */
    static final int READ_SIZE = 8 << 20;

    private final Path file;
    private final FileChannel cached;
    private FileChannel direct;
    private final ByteBuffer aligned;
    /** The file's bytes from {@code held} to {@code heldEnd} are in {@code aligned}, from its start. */
    private long held;
    private long heldEnd;

    /**
     * @param cached   the file opened as usual, for the reads that cannot be direct (not closed here)
     * @param readSize bytes per direct read, a multiple of {@link #ALIGNMENT} ({@link #READ_SIZE}; tests use less)
     */
    UncachedReads(Path file, FileChannel cached, int readSize) {
        this.file = requireNonNull(file, "file is null");
        this.cached = requireNonNull(cached, "cached is null");
        int capacity = Math.max(ALIGNMENT, readSize / ALIGNMENT * ALIGNMENT);
        FileChannel opened = null;
        try {
            opened = FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.FINE, file + " is read through the page cache: no O_DIRECT here", e);
        }
        this.direct = opened;
        this.aligned = opened == null ? null
                : ByteBuffer.allocateDirect(capacity + ALIGNMENT).alignedSlice(ALIGNMENT).limit(capacity);
    }

    /** Whether reads bypass the page cache (so far). */
    boolean direct() {
        return direct != null;
    }

    /**
     * Reads at most {@code length} bytes at {@code position} into {@code buffer}.
     *
     * @param available how many bytes from {@code position} on are final (may be read ahead); at least 1
     * @return the bytes read, or {@code -1} at the end of the file
     */
    int read(byte[] buffer, int offset, int length, long position, long available) throws IOException {
        int wanted = (int) Math.min(length, available);
        if (position >= held && position < heldEnd) {
            return handOut(buffer, offset, wanted, position);
        }
        if (direct != null && position % ALIGNMENT == 0) {
            int size = (int) Math.min(aligned.capacity(), available);
            aligned.clear().limit((size + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT);
            int read;
            try {
                read = direct.read(aligned, position);
            } catch (IOException e) {
                LOG.log(Level.FINE, "An O_DIRECT read of " + file + " failed; reading through the page cache", e);
                closeDirect();
                return cached.read(ByteBuffer.wrap(buffer, offset, wanted), position);
            }
            if (read <= 0) {
                return read;
            }
            // An aligned read may return bytes beyond the final ones: those are never handed out.
            held = position;
            heldEnd = position + Math.min(read, size);
            return handOut(buffer, offset, wanted, position);
        }
        return cached.read(ByteBuffer.wrap(buffer, offset, wanted), position);
    }

    private int handOut(byte[] buffer, int offset, int wanted, long position) {
        int count = (int) Math.min(wanted, heldEnd - position);
        aligned.get((int) (position - held), buffer, offset, count);
        return count;
    }

    @Override
    public void close() {
        closeDirect();
    }

    private void closeDirect() {
        if (direct != null) {
            try {
                direct.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "Closing the O_DIRECT channel of " + file + " failed", e);
            }
            direct = null;
        }
    }
}
