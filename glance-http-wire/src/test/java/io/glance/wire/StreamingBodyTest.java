package io.glance.wire;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies stream: a body of any length (the client's downloads of many GiB) is read block by block, large reads go
 * from the connection straight into the caller's buffer (web-download's direct buffer), nothing holds a body whole.
 */
class StreamingBodyTest {
    private static final int MIB = 1024 * 1024;

    /** A head, then a body of {@code bodyBytes} made up as it is read (byte i is i mod 251); records the reads. */
    private static final class EndlessBody implements ReadableByteChannel {
        private final ByteBuffer head;
        private long position;
        private long largestBodyRead;
        private boolean everyBodyReadDirect = true;

        EndlessBody(String head) {
            this.head = ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public int read(ByteBuffer dst) {
            if (head.hasRemaining()) {
                int n = Math.min(dst.remaining(), head.remaining());
                dst.put(dst.position(), head, head.position(), n).position(dst.position() + n);
                head.position(head.position() + n);
                return n;
            }
            everyBodyReadDirect &= dst.isDirect();
            largestBodyRead = Math.max(largestBodyRead, dst.remaining());
            int n = dst.remaining();
            for (int i = 0; i < n; i++) {
                dst.put((byte) (position++ % 251));
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static void assertPattern(ByteBuffer block, long from) {
        for (int i = 0; i < block.limit(); i++) {
            if (block.get(i) != (byte) ((from + i) % 251)) {
                throw new AssertionError("byte " + (from + i) + " differs");
            }
        }
    }

    /** Content-Length 1 TiB: 64 MiB of it read into a 1 MiB direct buffer, every read from the connection itself. */
    @Test
    void aTebibyteBodyIsReadIntoTheCallersDirectBufferBlockByBlock() throws IOException {
        EndlessBody connection = new EndlessBody("HTTP/1.1 200 OK\r\nContent-Length: 1099511627776\r\n\r\n");
        HttpAnswer answer = new HttpAnswerReader(connection, 64 * 1024).next("GET");
        assertThat(answer.contentLength()).isEqualTo(1L << 40);
        ByteBuffer block = ByteBuffer.allocateDirect(MIB);
        long read = 0;
        while (read < 64L * MIB) {
            block.clear();
            int n = answer.body().read(block);
            block.flip();
            assertPattern(block, read);
            read += n;
        }
        assertThat(connection.everyBodyReadDirect).isTrue();
        assertThat(connection.largestBodyRead).isEqualTo(MIB);
        assertThat(answer.body().ended()).isFalse();
    }

    /** A chunk of 4 GiB: its size does not fit an int, and the stream reads through it in the caller's blocks. */
    @Test
    void aChunkLargerThanAnIntIsReadAsAStream() throws IOException {
        EndlessBody connection = new EndlessBody("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n100000000\r\n");
        InputStream body = new HttpAnswerReader(connection, 64 * 1024).next("GET").body().stream();
        byte[] block = new byte[MIB];
        long read = 0;
        while (read < 16L * MIB) {
            int n = body.read(block);
            assertPattern(ByteBuffer.wrap(block, 0, n).slice(), read);
            read += n;
        }
        assertThat(connection.largestBodyRead).isEqualTo(MIB);
    }

    /** Reads smaller than the buffer are served from it: one read of the connection for many small ones. */
    @Test
    void smallReadsAreServedFromTheBuffer() throws IOException {
        ScriptedConnection connection = ScriptedConnection.of("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
                + "x".repeat(1000));
        InputStream body = new HttpAnswerReader(connection, 4096).next("GET").body().stream();
        for (int i = 0; i < 1000; i++) {
            assertThat(body.read()).isEqualTo('x');
        }
        assertThat(body.read()).isEqualTo(-1);
        assertThat(connection.reads).hasSize(1);
    }
}
