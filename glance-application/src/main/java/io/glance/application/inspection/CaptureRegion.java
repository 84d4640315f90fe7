package io.glance.application.inspection;

/**
 * A byte range of the image an inspector wants to look at, copied out of the stream as it passes by. Only these
 * bytes are ever kept, which is what bounds the memory of an inspection whatever the size of the image.
 */
final class CaptureRegion {
    private final long offset;
    private final byte[] data;
    private int filled;

    CaptureRegion(long offset, int length) {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("bad region: offset " + offset + ", length " + length);
        }
        this.offset = offset;
        this.data = new byte[length];
    }

    /**
     * Copies the part of a chunk that falls in this region. Chunks arrive in order, so the region fills from its
     * start; a chunk that skips ahead (never happens in a stream) would simply not count.
     *
     * @param position the stream offset of {@code bytes[off]}
     * @return whether any byte was copied
     */
    boolean capture(long position, byte[] bytes, int off, int len) {
        long wanted = offset + filled;
        if (complete() || position > wanted || position + len <= wanted) {
            return false;
        }
        int from = (int) (wanted - position);
        int count = Math.min(len - from, data.length - filled);
        System.arraycopy(bytes, off + from, data, filled, count);
        filled += count;
        return true;
    }

    boolean complete() {
        return filled == data.length;
    }

    long offset() {
        return offset;
    }

    int length() {
        return data.length;
    }

    /** The bytes captured so far (all of them once {@link #complete()}). */
    int filled() {
        return filled;
    }

    /** The captured bytes; do not modify. */
    byte[] data() {
        return data;
    }
}
