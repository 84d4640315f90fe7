package io.glance.adapters.store;

import io.glance.store.spi.BufferReadable;
import io.glance.store.spi.ChannelTransferable;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static java.util.Objects.requireNonNull;

/**
 * What went through one store since start: bytes written to it and read from it (counted as the driver reads the
 * upload and as the caller reads the download, so an interrupted transfer counts what actually moved), and the
 * uploads running now. {@code /metrics} shows it.
 */
public final class StoreTraffic {
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();
    private final AtomicInteger uploadsInProgress = new AtomicInteger();

    public long bytesWritten() {
        return bytesWritten.sum();
    }

    public long bytesRead() {
        return bytesRead.sum();
    }

    public int uploadsInProgress() {
        return uploadsInProgress.get();
    }

    void uploadStarted() {
        uploadsInProgress.incrementAndGet();
    }

    void uploadEnded() {
        uploadsInProgress.decrementAndGet();
    }

    /** Bytes stored without passing through a stream (a local file the store took as it is). */
    void written(long bytes) {
        bytesWritten.add(bytes);
    }

    InputStream countingWrites(InputStream data) {
        return new Counting(data, bytesWritten);
    }

    /**
     * Keeps a file stream's {@link ChannelTransferable} and {@link BufferReadable}, counting what they move too.
     */
    InputStream countingReads(InputStream data) {
        if (data instanceof ChannelTransferable transferable) {
            return data instanceof BufferReadable readable
                    ? new CountingFileReads(data, transferable, readable, bytesRead)
                    : new CountingTransfers(data, transferable, bytesRead);
        }
        return new Counting(data, bytesRead);
    }

    private static class Counting extends FilterInputStream {
        private final LongAdder counter;

        Counting(InputStream in, LongAdder counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counter.increment();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return (int) counted(super.read(buffer, offset, length));
        }

        /** Counts {@code n} bytes read when it is a count and not the end of the stream; returns it. */
        final long counted(long n) {
            if (n > 0) {
                counter.add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes did not travel to the caller.
            return super.skip(n);
        }

        /**
         * The wrapped stream's own {@code transferTo}, not InputStream's loop of 16 KiB reads: the host's upload
         * stream hands the store its digest buffers that way, one copy of the data fewer. Counted as they arrive.
         */
        @Override
        public long transferTo(OutputStream out) throws IOException {
            return in.transferTo(new CountingOutput(out, counter));
        }
    }

    /** Passes writes on whole and counts the bytes once the target took them. */
    private static final class CountingOutput extends OutputStream {
        private final OutputStream out;
        private final LongAdder counter;

        CountingOutput(OutputStream out, LongAdder counter) {
            this.out = requireNonNull(out, "out is null");
            this.counter = counter;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            counter.increment();
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            counter.add(length);
        }
    }

    private static class CountingTransfers extends Counting implements ChannelTransferable {
        private final ChannelTransferable transferable;

        CountingTransfers(InputStream in, ChannelTransferable transferable, LongAdder counter) {
            super(in, counter);
            this.transferable = transferable;
        }

        @Override
        public long transferTo(WritableByteChannel target) throws IOException {
            return counted(transferable.transferTo(target));
        }
    }

    private static final class CountingFileReads extends CountingTransfers implements BufferReadable {
        private final BufferReadable readable;

        CountingFileReads(InputStream in, ChannelTransferable transferable, BufferReadable readable,
                          LongAdder counter) {
            super(in, transferable, counter);
            this.readable = readable;
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            return (int) counted(readable.read(target));
        }
    }
}
