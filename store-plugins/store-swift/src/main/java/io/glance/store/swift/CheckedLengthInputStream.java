package io.glance.store.swift;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A download that must deliver exactly {@code length} bytes: an early end (a truncated response, a segment missing
 * behind a manifest) or a broken connection is an {@link IOException} naming the object and how far it got, never a
 * silently short image. Bytes past {@code length} are not delivered.
 */
final class CheckedLengthInputStream extends FilterInputStream {

    private final String description;
    private final long length;
    private long delivered;

    CheckedLengthInputStream(InputStream in, long length, String description) {
        super(in);
        this.length = length;
        this.description = description;
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
            throw new IOException(description + " failed after " + delivered + " of " + length + " bytes: " + e, e);
        }
        if (n == -1) {
            throw new IOException(description + " ended after " + delivered + " of " + length + " bytes");
        }
        delivered += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
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
