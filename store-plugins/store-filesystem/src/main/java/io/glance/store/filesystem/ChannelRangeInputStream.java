package io.glance.store.filesystem;

import io.glance.store.spi.BufferReadable;
import io.glance.store.spi.ChannelTransferable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * Streams {@code length} bytes of a file from {@code offset} with positional reads, so a range costs no reading of
 * what precedes it. Closing the stream closes the channel. {@link #transferTo(WritableByteChannel)} sends the rest
 * with {@link FileChannel#transferTo} (sendfile to a socket): the bytes go from the page cache to the socket without
 * a copy through the heap; {@link #read(ByteBuffer)} reads into the caller's buffer (one positional read, straight
 * into a direct buffer).
 */
final class ChannelRangeInputStream extends InputStream implements ChannelTransferable, BufferReadable {
    private final FileChannel channel;
    private long position;
    private long remaining;

    ChannelRangeInputStream(FileChannel channel, long offset, long length) {
        this.channel = requireNonNull(channel, "channel is null");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("invalid range: offset " + offset + ", length " + length);
        }
        this.position = offset;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int count = read(one, 0, 1);
        return count < 0 ? -1 : one[0] & 0xFF;
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
        int wanted = (int) Math.min(length, remaining);
        int count = channel.read(ByteBuffer.wrap(buffer, offset, wanted), position);
        if (count < 0) {
            throw new IOException("file ended " + remaining + " bytes before the end of the range being read; "
                    + "was it truncated?");
        }
        position += count;
        remaining -= count;
        return count;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        if (!target.hasRemaining()) {
            return 0;
        }
        int limit = target.limit();
        target.limit(target.position() + (int) Math.min(target.remaining(), remaining));
        int count;
        try {
            count = channel.read(target, position);
        } finally {
            target.limit(limit);
        }
        if (count < 0) {
            throw new IOException("file ended " + remaining + " bytes before the end of the range being read; "
                    + "was it truncated?");
        }
        position += count;
        remaining -= count;
        return count;
    }

    @Override
    public long transferTo(WritableByteChannel target) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        long count = channel.transferTo(position, remaining, target);
        if (count == 0 && position + remaining > channel.size()) {
            throw new IOException("file ended " + remaining + " bytes before the end of the range being read; "
                    + "was it truncated?");
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
