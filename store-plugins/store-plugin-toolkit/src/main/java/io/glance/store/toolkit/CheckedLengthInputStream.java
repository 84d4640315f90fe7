package io.glance.store.toolkit;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A helper for drivers' {@code StoreDriver.get} streams: delivers exactly {@code length} bytes of a remote body and
 * fails with an {@link EOFException} naming the object and how far it got when the body ends early, so that a
 * connection cut mid-body is an error for the reader, never a silently short image. Bytes past {@code length} are
 * not delivered. Bundled by each remote driver (the toolkit is not part of the SPI).
 */
public final class CheckedLengthInputStream extends FilterInputStream {
    private final long length;
    private final String description;
    private final boolean nameFailures;
    private long delivered;

    private CheckedLengthInputStream(InputStream in, long length, String description, boolean nameFailures) {
        super(in);
        this.length = length;
        this.description = description;
        this.nameFailures = nameFailures;
    }

    /**
     * A failure of {@code in} itself passes through unchanged, so callers can tell its kind (e.g. a
     * {@code HttpTimeoutException} from a stall guard).
     *
     * @param description what is being read, for messages, e.g. {@code "GET http://host/x.img"}
     */
    public static InputStream exactly(InputStream in, long length, String description) {
        return new CheckedLengthInputStream(in, length, description, false);
    }

    /** As {@link #exactly}, and a failure of {@code in} becomes an {@link IOException} saying how far it got. */
    public static InputStream exactlyNamingFailures(InputStream in, long length, String description) {
        return new CheckedLengthInputStream(in, length, description, true);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        if (delivered >= length) {
            return -1;
        }
        int n;
        try {
            n = in.read(buffer, offset, (int) Math.min(count, length - delivered));
        } catch (IOException e) {
            if (!nameFailures) {
                throw e;
            }
            throw new IOException(description + " failed after " + delivered + " of " + length + " bytes: " + e, e);
        }
        if (n == -1) {
            throw new EOFException(description + " ended after " + delivered + " of " + length + " bytes");
        }
        delivered += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (read == -1) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), length - delivered);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
