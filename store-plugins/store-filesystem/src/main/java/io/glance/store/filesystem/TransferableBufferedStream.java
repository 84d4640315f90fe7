package io.glance.store.filesystem;

import io.glance.store.spi.BufferReadable;
import io.glance.store.spi.ChannelTransferable;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Buffers small reads of a {@link ChannelRangeInputStream} and keeps its zero-copy transfer and its reads into the
 * caller's buffers: what this stream's buffer holds goes out first, the rest straight from the file.
 */
final class TransferableBufferedStream extends BufferedInputStream implements ChannelTransferable, BufferReadable {
    private final ChannelRangeInputStream file;

    TransferableBufferedStream(ChannelRangeInputStream file, int size) {
        super(file, size);
        this.file = file;
    }

    @Override
    public synchronized long transferTo(WritableByteChannel target) throws IOException {
        if (buf != null && pos < count) {
            int written = target.write(ByteBuffer.wrap(buf, pos, count - pos));
            pos += written;
            return written;
        }
        return file.transferTo(target);
    }

    @Override
    public synchronized int read(ByteBuffer target) throws IOException {
        if (buf != null && pos < count) {
            int copied = Math.min(count - pos, target.remaining());
            target.put(buf, pos, copied);
            pos += copied;
            return copied;
        }
        return file.read(target);
    }
}
