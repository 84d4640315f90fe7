package io.glance.store.swift;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * The host's upload stream as the driver reads it: counts bytes, reads no further than the announced size (so that
 * segments split where they should), and remembers the first failure of the stream, so that it can be rethrown
 * unchanged however the HTTP client wrapped it. Never closes the host's stream. Holding the data to the announced size
 * is the host's duty since SPI 1.2: its stream throws {@code SizeMismatchException} at an early end, or at an extra
 * byte before handing on the last announced one, so Swift never receives a complete body of the wrong size.
 *
 * <p>Read by the HTTP client's threads while the uploading thread watches {@link #count()}.
 */
final class UploadSource {

    private static final int NOTHING_PEEKED = -2;

    private final String storeId;
    private final String imageId;
    private final InputStream data;
    private final long expectedSize;
    private volatile long count;
    private volatile Throwable failure;
    private int peeked = NOTHING_PEEKED;

    UploadSource(String storeId, String imageId, InputStream data, long expectedSize) {
        this.storeId = requireNonNull(storeId, "storeId is null");
        this.imageId = requireNonNull(imageId, "imageId is null");
        this.data = requireNonNull(data, "data is null");
        this.expectedSize = expectedSize;
    }

    /** Bytes handed on so far. */
    long count() {
        return count;
    }

    /** The first exception the host's stream threw, or {@code null}. */
    Throwable failure() {
        return failure;
    }

    /** Whether at least one more byte is to come (never past a known size). */
    boolean hasMore() throws IOException {
        if (expectedSize >= 0 && count >= expectedSize) {
            return false;
        }
        if (peeked == NOTHING_PEEKED) {
            peeked = readOne();
        }
        return peeked != -1;
    }

    /**
     * For an announced size of 0, which no body read touches: reads to the end of the data, as the SPI asks, so that
     * the host's stream can refuse a first byte.
     *
     * @throws IllegalStateException when data goes on, which a host holding the data to its size (SPI 1.2) never lets
     *                               happen
     */
    void readToEnd() throws IOException {
        if (peeked == NOTHING_PEEKED && readOne() != -1) {
            throw new IllegalStateException("swift store '" + storeId + "': the data of image " + imageId
                    + " went on past the " + count + " bytes expected; the host should have refused it");
        }
    }

    /** A stream of at most {@code limit} further bytes, for one request body; closing it leaves the source open. */
    Body next(long limit) {
        return new Body(limit);
    }

    /**
     * One request body: at most {@code limit} further bytes of the source. {@link #sent()} completes when the body was
     * read to its end (its limit, or the end of the data), so that the next segment may start while Swift still
     * commits this one; after that the body answers the end of data without touching the source again.
     */
    final class Body extends InputStream {
        private final CompletableFuture<Void> sent = new CompletableFuture<>();
        private long left;

        private Body(long limit) {
            this.left = limit;
        }

        CompletableFuture<Void> sent() {
            return sent;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0 || sent.isDone()) {
                sent.complete(null);
                return -1;
            }
            int n = UploadSource.this.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            if (n < 0 || left <= 0) {
                sent.complete(null);
            }
            return n;
        }
    }

    private int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (failure != null) {
            throw new IOException("the upload of image " + imageId + " already failed", failure);
        }
        if (!hasMore()) {
            return -1;
        }
        int wanted = expectedSize >= 0 ? (int) Math.min(length, expectedSize - count) : length;
        buffer[offset] = (byte) peeked;
        peeked = NOTHING_PEEKED;
        int n = 1;
        if (wanted > 1) {
            int more = readMany(buffer, offset + 1, wanted - 1);
            if (more > 0) {
                n += more;
            }
        }
        count += n;
        return n;
    }

    private int readOne() throws IOException {
        try {
            return data.read();
        } catch (IOException e) {
            throw record(e);
        } catch (RuntimeException e) {
            throw record(e);
        } catch (Error e) {
            throw record(e);
        }
    }

    private int readMany(byte[] buffer, int offset, int length) throws IOException {
        try {
            return data.read(buffer, offset, length);
        } catch (IOException e) {
            throw record(e);
        } catch (RuntimeException e) {
            throw record(e);
        } catch (Error e) {
            throw record(e);
        }
    }

    private <T extends Throwable> T record(T e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }
}
