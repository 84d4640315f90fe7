package io.glance.adapters.store;

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
    void aPlainStreamIsCountedAsBefore() throws IOException {
        StoreTraffic traffic = new StoreTraffic();
        InputStream counted = traffic.countingReads(new ByteArrayInputStream(new byte[300]));
        assertThat(counted).isNotInstanceOf(ChannelTransferable.class);
        assertThat(counted.readAllBytes()).hasSize(300);
        assertThat(traffic.bytesRead()).isEqualTo(300);
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
}
