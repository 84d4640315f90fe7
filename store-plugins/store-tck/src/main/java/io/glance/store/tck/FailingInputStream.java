package io.glance.store.tck;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Delivers the first {@code failAfter} bytes of a {@link PatternInputStream}, then throws {@code failure}: a client
 * that goes away mid-upload ({@link IOException}) or a host-side limit that trips ({@link RuntimeException}).
 */
public final class FailingInputStream extends InputStream {
    private final InputStream data;
    private final long failAfter;
    private final Exception failure;
    private long delivered;

    private FailingInputStream(long failAfter, long seed, Exception failure) {
        if (failAfter < 0) {
            throw new IllegalArgumentException("failAfter is negative: " + failAfter);
        }
        this.data = new PatternInputStream(failAfter, seed);
        this.failAfter = failAfter;
        this.failure = Objects.requireNonNull(failure, "failure is null");
    }

    public static FailingInputStream ioFailureAfter(long failAfter, long seed, IOException failure) {
        return new FailingInputStream(failAfter, seed, failure);
    }

    public static FailingInputStream runtimeFailureAfter(long failAfter, long seed, RuntimeException failure) {
        return new FailingInputStream(failAfter, seed, failure);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int count = read(one, 0, 1);
        return count < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (delivered >= failAfter && length > 0) {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (IOException) failure;
        }
        int count = data.read(buffer, offset, length);
        if (count > 0) {
            delivered += count;
        }
        return count;
    }
}
