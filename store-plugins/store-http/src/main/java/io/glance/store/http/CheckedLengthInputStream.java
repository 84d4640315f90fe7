package io.glance.store.http;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Delivers a response body of a known length and fails when it ends early, so that a connection cut mid-body is an
 * error for the reader rather than silently short data.
 */
final class CheckedLengthInputStream extends FilterInputStream {
    private final long length;
    private final String description;
    private long delivered;

    CheckedLengthInputStream(InputStream body, long length, String description) {
        super(body);
        this.length = length;
        this.description = description;
    }

    @Override
    public int read() throws IOException {
        if (delivered >= length) {
            return -1;
        }
        int read = super.read();
        if (read < 0) {
            throw truncated();
        }
        delivered++;
        return read;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        if (delivered >= length) {
            return -1;
        }
        int read = super.read(buffer, offset, (int) Math.min(count, length - delivered));
        if (read < 0) {
            throw truncated();
        }
        delivered += read;
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (read < 0) {
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

    private IOException truncated() {
        return new EOFException(description + ": body ended after " + delivered + " of " + length + " bytes");
    }
}
