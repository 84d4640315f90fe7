package io.glance.store.s3;

import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * The host's data stream as an upload reads it: counts bytes and remembers the first failure it raised, so that the
 * driver can throw that failure (the client's I/O error, or the host's own unchecked exception unchanged — its size
 * cap, quota and, since SPI 1.2, declared-size checks) rather than the SDK's wrapping of it. Never closes the stream.
 * Checking the declared size is the host's duty since SPI 1.2, so this class does not.
 */
final class UploadSource {
    private final String storeId;
    private final String imageId;
    private final InputStream data;
    private long count;
    private RuntimeException failure;

    UploadSource(String storeId, String imageId, InputStream data) {
        this.storeId = requireNonNull(storeId, "storeId is null");
        this.imageId = requireNonNull(imageId, "imageId is null");
        this.data = requireNonNull(data, "data is null");
    }

    long count() {
        return count;
    }

    /** The failure this source raised, to be thrown instead of whatever the SDK made of it; null when none. */
    RuntimeException failure() {
        return failure;
    }

    /**
     * Fills {@code buffer} from the stream. Returns fewer bytes than its length only at the end of the data.
     *
     * @throws UncheckedIOException when reading the client's data fails
     */
    int fill(byte[] buffer) {
        int filled = 0;
        while (filled < buffer.length) {
            int read = read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                break;
            }
            filled += read;
        }
        return filled;
    }

    /**
     * Reads to the end of the data, as the SPI asks of a driver that has all it needs: the host's stream finds a short
     * or oversized upload only when it is read (for an announced size of 0, at this read).
     *
     * @throws IllegalStateException when data goes on, which a host holding the data to its size (SPI 1.2) never lets
     *                               happen
     */
    void readToEnd() {
        if (fill(new byte[1]) > 0) {
            throw new IllegalStateException("s3 store '" + storeId + "': the data of image " + imageId
                    + " went on past the " + count + " bytes expected; the host should have refused it");
        }
    }

    /**
     * A view of the stream up to byte {@code size} of the upload (for a single streamed PUT, the declared size, which
     * the host's stream holds the data to). A failure of the stream becomes an IOException that aborts the request, and is recorded.
     */
    InputStream upTo(long size) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int read = read(one, 0, 1);
                return read < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                long remaining = size - count;
                if (remaining <= 0) {
                    return -1;
                }
                try {
                    return UploadSource.this.read(buffer, offset, (int) Math.min(length, remaining));
                } catch (RuntimeException e) {
                    throw new IOException("upload aborted: " + e.getMessage(), e);
                }
            }
        };
    }

    /**
     * The next {@code length} bytes of the stream as one request body, for the SDK to read while it sends them. The
     * body can be opened once: the client's data cannot be read twice, so a replay (which the client's retry policy
     * never asks for) fails instead of sending other bytes.
     */
    RequestBody streamedBody(long length, String key) {
        AtomicBoolean opened = new AtomicBoolean();
        long start = count;
        return RequestBody.fromContentProvider(() -> {
            if (!opened.compareAndSet(false, true)) {
                throw new IllegalStateException("the upload of " + key + " cannot be replayed");
            }
            return upTo(start + length);
        }, length, "application/octet-stream");
    }

    private int read(byte[] buffer, int offset, int length) {
        if (failure != null) {
            throw failure;
        }
        try {
            int read = data.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        } catch (IOException e) {
            throw record(new UncheckedIOException("s3 store '" + storeId + "': reading the data of image " + imageId
                    + " failed after " + count + " bytes: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw record(e);
        }
    }

    private RuntimeException record(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
        return failure;
    }
}
