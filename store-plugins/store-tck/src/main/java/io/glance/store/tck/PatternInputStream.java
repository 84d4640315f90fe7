package io.glance.store.tck;

import java.io.InputStream;
import java.util.Objects;

/**
 * A deterministic stream of {@code size} pseudo-random bytes. Byte {@code n} depends only on the seed and {@code n}
 * ({@link #byteAt}), so a test can write gigabytes and later check any byte or range without keeping the data: large
 * objects are generated and verified while streaming, never held in memory.
 */
public final class PatternInputStream extends InputStream {
    private final long size;
    private final long seed;
    private long position;

    public PatternInputStream(long size, long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
        this.size = size;
        this.seed = seed;
    }

    /** The byte at {@code position} of every pattern stream with this seed. */
    public static byte byteAt(long seed, long position) {
        // One 64-bit mix yields eight bytes; SplitMix64's finalizer spreads neighbouring words apart.
        return (byte) (mix(seed + (position >>> 3)) >>> ((position & 7) * 8));
    }

    private static long mix(long value) {
        long z = value * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public int read() {
        if (position >= size) {
            return -1;
        }
        return byteAt(seed, position++) & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        int count = (int) Math.min(length, size - position);
        for (int i = 0; i < count; i++) {
            buffer[offset + i] = byteAt(seed, position + i);
        }
        position += count;
        return count;
    }

    @Override
    public long skip(long count) {
        long skipped = Math.max(0, Math.min(count, size - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, size - position);
    }
}
