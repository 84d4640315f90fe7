package io.glance.adapters.store;

import io.glance.store.spi.BufferReadable;
import io.glance.store.spi.ChannelTransferable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;

import static org.assertj.core.api.Assertions.assertThat;

/** Counting a download keeps its zero-copy transfer, and counts the bytes it transfers as well as those read. */
class StoreTrafficTest {

    @Test
    void aTransferableStreamStaysTransferableAndEveryByteCounts() throws IOException {
        StoreTraffic traffic = new StoreTraffic();
        InputStream counted = traffic.countingReads(new TransferableBytes(new byte[1000]));
        assertThat(counted).isInstanceOf(ChannelTransferable.class);

        assertThat(counted.readNBytes(100)).hasSize(100);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        WritableByteChannel channel = Channels.newChannel(sink);
        while (((ChannelTransferable) counted).transferTo(channel) >= 0) {
            // until nothing remains
        }

        assertThat(sink.size()).isEqualTo(900);
        assertThat(traffic.bytesRead()).isEqualTo(1000);
    }

    @Test
    void aStreamThatReadsIntoBuffersKeepsBothWaysAndEveryByteCounts() throws IOException {
        StoreTraffic traffic = new StoreTraffic();
        InputStream counted = traffic.countingReads(new BufferReadableBytes(new byte[1000]));
        assertThat(counted).isInstanceOf(ChannelTransferable.class).isInstanceOf(BufferReadable.class);

        assertThat(counted.readNBytes(100)).hasSize(100);
        ByteBuffer buffer = ByteBuffer.allocateDirect(300);
        assertThat(((BufferReadable) counted).read(buffer)).isEqualTo(300);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        WritableByteChannel channel = Channels.newChannel(sink);
        while (((ChannelTransferable) counted).transferTo(channel) >= 0) {
            // until nothing remains
        }
        assertThat(((BufferReadable) counted).read(buffer.clear())).isEqualTo(-1);

        assertThat(sink.size()).isEqualTo(600);
        assertThat(traffic.bytesRead()).isEqualTo(1000);
    }

    @Test
    void aTransferOnlyStreamDoesNotClaimToReadIntoBuffers() {
        InputStream counted = new StoreTraffic().countingReads(new TransferableBytes(new byte[10]));
        assertThat(counted).isNotInstanceOf(BufferReadable.class);
    }

    @Test
    void aPlainStreamIsCountedAsBefore() throws IOException {
        StoreTraffic traffic = new StoreTraffic();
        InputStream counted = traffic.countingReads(new ByteArrayInputStream(new byte[300]));
        assertThat(counted).isNotInstanceOf(ChannelTransferable.class);
        assertThat(counted.readAllBytes()).hasSize(300);
        assertThat(traffic.bytesRead()).isEqualTo(300);
    }

    @Test
    void anUploadsTransferToIsTheWrappedStreamsOwnAndCountsWhatTheStoreTook() throws IOException {
        StoreTraffic traffic = new StoreTraffic();
        SelfTransferring upload = new SelfTransferring(new byte[3000]);
        ByteArrayOutputStream store = new ByteArrayOutputStream();

        assertThat(traffic.countingWrites(upload).transferTo(store)).isEqualTo(3000);

        assertThat(upload.ownTransfers).as("the wrapped stream's transferTo ran").isEqualTo(1);
        assertThat(store.size()).isEqualTo(3000);
        assertThat(traffic.bytesWritten()).isEqualTo(3000);
    }

    /** Bytes in memory whose transferTo writes slices of 1000 and says that it ran. */
    private static final class SelfTransferring extends ByteArrayInputStream {
        int ownTransfers;

        SelfTransferring(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized long transferTo(java.io.OutputStream out) throws IOException {
            ownTransfers++;
            long total = 0;
            while (pos < count) {
                int n = Math.min(1000, count - pos);
                out.write(buf, pos, n);
                pos += n;
                total += n;
            }
            return total;
        }
    }

    /** Bytes in memory that transfer themselves in slices of at most 256. */
    private static final class TransferableBytes extends ByteArrayInputStream implements ChannelTransferable {
        TransferableBytes(byte[] bytes) {
            super(bytes);
        }

        @Override
        public long transferTo(WritableByteChannel target) throws IOException {
            if (pos >= count) {
                return -1;
            }
            int n = target.write(ByteBuffer.wrap(buf, pos, Math.min(256, count - pos)));
            pos += n;
            return n;
        }
    }

    /** Transferable bytes in memory that also read into buffers, at most 300 a call. */
    private static final class BufferReadableBytes extends ByteArrayInputStream
            implements ChannelTransferable, BufferReadable {
        BufferReadableBytes(byte[] bytes) {
            super(bytes);
        }

        @Override
        public long transferTo(WritableByteChannel target) throws IOException {
            if (pos >= count) {
                return -1;
            }
            int n = target.write(ByteBuffer.wrap(buf, pos, Math.min(256, count - pos)));
            pos += n;
            return n;
        }

        @Override
        public int read(ByteBuffer target) {
            if (pos >= count) {
                return -1;
            }
            int n = Math.min(Math.min(300, target.remaining()), count - pos);
            target.put(buf, pos, n);
            pos += n;
            return n;
        }
    }
}
