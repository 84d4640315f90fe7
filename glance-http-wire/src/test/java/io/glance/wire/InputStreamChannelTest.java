package io.glance.wire;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A stream (a TLS socket's) as a reader's source: heap and direct buffers filled, its end, its close. */
class InputStreamChannelTest {
    @Test
    void anAnswerIsReadFromAStream() throws IOException {
        InputStreamChannel channel = new InputStreamChannel(new ByteArrayInputStream(
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello".getBytes(StandardCharsets.ISO_8859_1)));
        HttpAnswer answer = new HttpAnswerReader(channel, 256).next("GET");
        assertThat(HeadParsingTest.body(answer)).isEqualTo("hello");
    }

    @Test
    void aDirectBufferIsFilledAndTheEndAndCloseAreReported() throws IOException {
        InputStreamChannel channel = new InputStreamChannel(new ByteArrayInputStream(new byte[] {1, 2, 3}));
        ByteBuffer direct = ByteBuffer.allocateDirect(2);
        assertThat(channel.read(direct)).isEqualTo(2);
        assertThat(direct.flip().get(1)).isEqualTo((byte) 2);
        ByteBuffer heap = ByteBuffer.allocate(8).position(3);
        assertThat(channel.read(heap)).isEqualTo(1);
        assertThat(heap.get(3)).isEqualTo((byte) 3);
        assertThat(channel.read(heap)).isEqualTo(-1);
        channel.close();
        assertThat(channel.isOpen()).isFalse();
        assertThatThrownBy(() -> channel.read(heap)).isInstanceOf(java.nio.channels.ClosedChannelException.class);
    }
}
