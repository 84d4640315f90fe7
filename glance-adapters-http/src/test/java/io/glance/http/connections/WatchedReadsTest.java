package io.glance.http.connections;

import io.helidon.common.buffers.DataReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The arrays the guard hands to Helidon's reader, which keeps them: each stays as it was handed over. */
class WatchedReadsTest {

    @Test
    void everyArrayHandedOverKeepsItsBytesWhileLaterReadsGoOn() {
        byte[] data = new byte[3 * WatchedReads.BLOCK + 4321];
        new Random(7).nextBytes(data);
        System.arraycopy("POST / HTTP/1.1\r\n".getBytes(), 0, data, 0, 17);
        // Full blocks and short reads in turn, as a socket delivers them.
        InputStream socket = new ByteArrayInputStream(data) {
            private boolean shortNext;

            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                shortNext = !shortNext;
                return super.read(buffer, offset, shortNext ? length : length / 3);
            }
        };
        WatchedReads reads = new WatchedReads(DataReader.create(() -> null), socket,
                new GuardedConnection(null, 0), "localhost");

        List<byte[]> handedOver = new ArrayList<>();
        for (byte[] bytes = reads.get(); bytes != null; bytes = reads.get()) {
            handedOver.add(bytes);
        }

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        handedOver.forEach(joined::writeBytes);
        assertThat(joined.toByteArray()).isEqualTo(data);
        assertThat(handedOver).anyMatch(bytes -> bytes.length == WatchedReads.BLOCK)
                .anyMatch(bytes -> bytes.length < WatchedReads.BLOCK);
    }
}
