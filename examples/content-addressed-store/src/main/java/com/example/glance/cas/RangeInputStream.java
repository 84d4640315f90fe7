package com.example.glance.cas;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * {@code length} bytes of a file from {@code offset}, read with positional reads: a range costs no reading of what
 * precedes it. Closing the stream closes the channel.
 */
final class RangeInputStream extends InputStream {
    private final FileChannel channel;
    private long position;
    private long remaining;

    RangeInputStream(FileChannel channel, long offset, long length) {
        this.channel = Objects.requireNonNull(channel, "channel is null");
        this.position = offset;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (remaining == 0) {
            return -1;
        }
        int count = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, remaining)), position);
        if (count < 0) {
            throw new IOException("blob ended " + remaining + " bytes before the end of the range being read");
        }
        position += count;
        remaining -= count;
        return count;
    }

    @Override
    public long skip(long count) {
        long skipped = Math.max(0, Math.min(count, remaining));
        position += skipped;
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
