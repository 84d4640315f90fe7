package io.glance.application.cache;

import io.glance.domain.ImageId;
import io.glance.ports.out.ImageCache;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A whole download from a store, copied into the cache as it streams to the client and digested on the way. The copy
 * counts only when exactly {@code size} bytes went by and their digest is the image's; a copy with another digest is
 * kept aside as invalid. Any trouble with the copy is logged and ends the copy, never the client's download.
 */
final class CacheFillingStream extends FilterInputStream {
    private static final Logger LOG = Logger.getLogger(CacheFillingStream.class.getName());

    private final ImageId id;
    private final long size;
    private final ImageDigest expected;
    private final MessageDigest digest;
    private ImageCache.Fill fill;
    private long copied;

    CacheFillingStream(InputStream data, ImageId id, long size, ImageDigest expected, ImageCache.Fill fill) {
        super(data);
        this.id = id;
        this.size = size;
        this.expected = expected;
        this.digest = expected.newDigest();
        this.fill = fill;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            copy(buffer, offset, n);
        } else if (n < 0 && fill != null) {
            abandon("the store delivered " + copied + " of " + size + " bytes");
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes would be missing from the copy.
        abandon("the reader skipped bytes");
        return super.skip(n);
    }

    private void copy(byte[] buffer, int offset, int n) {
        if (fill == null) {
            return;
        }
        try {
            fill.write(buffer, offset, n);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Stopped caching image " + id + ": " + e.getMessage());
            fill.discard(false);
            fill = null;
            return;
        }
        digest.update(buffer, offset, n);
        copied += n;
        if (copied > size) {
            abandon("the store delivered more than the image's " + size + " bytes");
        } else if (copied == size) {
            finish();
        }
    }

    private void finish() {
        ImageCache.Fill done = fill;
        fill = null;
        if (!expected.matches(digest)) {
            LOG.warning("Not caching image " + id + ": the data read from its store does not match its "
                    + expected.algorithm() + " " + expected.hex() + " (kept aside as invalid)");
            done.discard(true);
            return;
        }
        try {
            done.commit(size, expected.text());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not cache image " + id + ": " + e.getMessage());
            done.discard(false);
        }
    }

    private void abandon(String why) {
        if (fill != null) {
            LOG.fine(() -> "Not caching image " + id + ": " + why);
            fill.discard(false);
            fill = null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            abandon("the download ended after " + copied + " of " + size + " bytes");
        } finally {
            super.close();
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
