package io.glance.client;

import java.io.InputStream;
import java.util.Random;

/**
 * A deterministic stream of {@code size} pseudo-random bytes made on the fly: one random 1 MiB block, with the
 * block number stamped into its first 8 bytes so no two blocks are equal. Nothing but that block is held in memory.
 */
final class GeneratedImageData extends InputStream {
    private static final int BLOCK = 1 << 20;
    private final byte[] block = new byte[BLOCK];
    private final long size;
    private long position;

    GeneratedImageData(long size, long seed) {
        this.size = size;
        new Random(seed).nextBytes(block);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= size) {
            return -1;
        }
        int inBlock = (int) (position % BLOCK);
        if (inBlock == 0) {
            long blockNumber = position / BLOCK;
            for (int i = 0; i < 8; i++) {
                block[i] = (byte) (blockNumber >>> (8 * i));
            }
        }
        int n = (int) Math.min(Math.min(length, BLOCK - inBlock), size - position);
        System.arraycopy(block, inBlock, buffer, offset, n);
        position += n;
        return n;
    }
}
