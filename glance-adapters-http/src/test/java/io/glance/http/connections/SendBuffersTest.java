package io.glance.http.connections;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The send buffers: direct, never more out at once than the limit, reused once given back. */
class SendBuffersTest {

    @Test
    void noMoreThanTheLimitAreOutAtOnce() {
        SendBuffers buffers = new SendBuffers(4096, 2);
        ByteBuffer first = buffers.take().orElseThrow();
        ByteBuffer second = buffers.take().orElseThrow();
        assertThat(first).isNotSameAs(second);
        assertThat(first.isDirect()).isTrue();
        assertThat(first.capacity()).isEqualTo(4096);
        assertThat(buffers.take()).as("a third while two are out").isEmpty();

        buffers.release(first);
        assertThat(buffers.take()).as("one given back is handed out again").containsSame(first);
    }

    @Test
    void aBufferGivenBackComesOutCleared() {
        SendBuffers buffers = new SendBuffers(4096, 1);
        ByteBuffer used = buffers.take().orElseThrow();
        used.put(new byte[100]).flip();
        buffers.release(used);
        ByteBuffer again = buffers.take().orElseThrow();
        assertThat(again.position()).isZero();
        assertThat(again.limit()).isEqualTo(4096);
    }

    @Test
    void aLimitOfNoneHandsNoneOut() {
        assertThat(new SendBuffers(4096, 0).take()).isEmpty();
    }

    @Test
    void badSizesAreRefused() {
        assertThatThrownBy(() -> new SendBuffers(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SendBuffers(4096, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theGuardBoundsItsBuffersByItsConnectionsAndBy64MiB() {
        try (ConnectionGuard guard = new ConnectionGuard(ConnectionSettings.defaults(), 3)) {
            assertThat(guard.sendBuffers().limit()).isEqualTo(3);
        }
        try (ConnectionGuard guard = new ConnectionGuard(ConnectionSettings.defaults(), 100_000)) {
            SendBuffers buffers = guard.sendBuffers();
            assertThat((long) buffers.limit() * buffers.bufferBytes()).isEqualTo(64L * 1024 * 1024);
        }
    }
}
