package io.glance.store.s3;

import io.glance.store.spi.SizeMismatchException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static java.util.Objects.requireNonNull;

/**
 * The host's data stream as an upload reads it: counts bytes, checks them against the announced size, and remembers
 * the first failure it raised, so that the driver can throw that failure (the client's I/O error, the host's own
 * unchecked exception unchanged, or a size mismatch) rather than the SDK's wrapping of it. Never closes the stream.
 */
final class UploadSource {
    private final String storeId;
    private final String imageId;
    private final InputStream data;
    private final long expectedSize;
    private long count;
    private RuntimeException failure;

    UploadSource(String storeId, String imageId, InputStream data, long expectedSize) {
        this.storeId = requireNonNull(storeId, "storeId is null");
        this.imageId = requireNonNull(imageId, "imageId is null");
        this.data = requireNonNull(data, "data is null");
        this.expectedSize = expectedSize;
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
     * @throws SizeMismatchException         when more bytes arrive than announced
     * @throws UncheckedIOException          when reading the client's data fails
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
        if (expectedSize >= 0 && count > expectedSize) {
            throw record(mismatch("more than"));
        }
        return filled;
    }

    /** Checks, at the end of the data, that it held the announced number of bytes. */
    void checkComplete() {
        if (expectedSize >= 0 && count != expectedSize) {
            throw record(mismatch(count < expectedSize ? count + " bytes, fewer than" : "more than"));
        }
    }

    /**
     * A view delivering exactly the announced number of bytes for a single PUT. It fails (with an IOException that
     * aborts the request) when the data ends early or goes on past the announced size, and records why.
     */
    InputStream exactly() {
        if (expectedSize < 0) {
            throw new IllegalStateException("exactly() needs an announced size");
        }
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int read = read(one, 0, 1);
                return read < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                long remaining = expectedSize - count;
                if (remaining == 0) {
                    requireEnd();
                    return -1;
                }
                int read = guarded(buffer, offset, (int) Math.min(length, remaining));
                if (read < 0) {
                    throw abort(record(mismatch(count + " bytes, fewer than")));
                }
                if (count == expectedSize) {
                    requireEnd();
                }
                return read;
            }

            private void requireEnd() throws IOException {
                byte[] probe = new byte[1];
                int extra;
                do {
                    extra = guarded(probe, 0, 1);
                } while (extra == 0);
                if (extra > 0) {
                    throw abort(record(mismatch("more than")));
                }
            }

            private int guarded(byte[] buffer, int offset, int length) throws IOException {
                try {
                    return UploadSource.this.read(buffer, offset, length);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        };
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

    private SizeMismatchException mismatch(String received) {
        return new SizeMismatchException("s3 store '" + storeId + "': image " + imageId + " received " + received
                + " the announced " + expectedSize + " bytes");
    }

    private RuntimeException record(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
        return failure;
    }

    private static IOException abort(RuntimeException reason) {
        return new IOException("upload aborted: " + reason.getMessage(), reason);
    }
}
