package io.glance.application.cache;

import io.glance.domain.ImageId;
import io.glance.ports.out.ImageCache;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.logging.Logger;

/**
 * A whole copy read from the cache, digested as it goes. The read that would deliver its last bytes first checks
 * the digest: a copy that does not match the image's (a disk error, someone writing into the cache directory) is
 * moved aside and the read fails, so the client never gets all of the wrong bytes (its download is cut short and
 * the next one comes from the store).
 */
final class VerifiedCachedStream extends FilterInputStream {
    private static final Logger LOG = Logger.getLogger(VerifiedCachedStream.class.getName());

    private final ImageId id;
    private final long size;
    private final ImageDigest expected;
    private final MessageDigest digest;
    private final ImageCache cache;
    private long read;

    VerifiedCachedStream(InputStream data, ImageId id, long size, ImageDigest expected, ImageCache cache) {
        super(data);
        this.id = id;
        this.size = size;
        this.expected = expected;
        this.digest = expected.newDigest();
        this.cache = cache;
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
            digest.update(buffer, offset, n);
            read += n;
            if (read == size && !expected.matches(digest)) {
                cache.invalidate(id);
                LOG.severe("The cached copy of image " + id + " does not match its " + expected.algorithm()
                        + " " + expected.hex() + ": moved aside, this download is cut short");
                throw new CorruptCachedCopyException("cached copy of image " + id + " is corrupt");
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes are still digested: read them.
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The copy failed verification at its end. */
    static final class CorruptCachedCopyException extends IOException {
        CorruptCachedCopyException(String message) {
            super(message);
        }
    }
}
