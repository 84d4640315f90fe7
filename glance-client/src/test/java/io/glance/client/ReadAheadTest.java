package io.glance.client;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The download's second reading thread hands on every byte in order, and the source's failure after them. */
class ReadAheadTest {
    @Test
    void passesEveryByteInOrderAcrossBlocks() throws IOException {
        byte[] data = new byte[ReadAhead.BLOCK * (ReadAhead.BLOCKS + 2) + 12345];
        new Random(3).nextBytes(data);
        // a source that answers in odd small pieces, as a socket does
        InputStream source = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7777));
            }
        };
        try (ReadAhead in = new ReadAhead(source)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void lentBlocksHoldEveryByteInOrderWithoutACopy() throws IOException {
        byte[] data = new byte[ReadAhead.BLOCK * (ReadAhead.BLOCKS + 2) + 999];
        new Random(4).nextBytes(data);
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        java.util.Set<byte[]> arrays = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        try (ReadAhead in = new ReadAhead(new ByteArrayInputStream(data))) {
            ReadAhead.Block block;
            while ((block = in.nextBlock()) != null) {
                joined.write(block.data(), 0, block.length());
                arrays.add(block.data());
            }
            assertThat(in.nextBlock()).isNull();
        }
        assertThat(joined.toByteArray()).isEqualTo(data);
        // the reader's few arrays go round: blocks are lent, not copied into new ones
        assertThat(arrays).hasSizeLessThanOrEqualTo(ReadAhead.BLOCKS);
    }

    @Test
    void anEmptySourceEndsAtOnce() throws IOException {
        try (ReadAhead in = new ReadAhead(InputStream.nullInputStream())) {
            assertThat(in.read(new byte[10], 0, 10)).isEqualTo(-1);
        }
    }

    @Test
    void theSourcesFailureReachesTheReaderAfterTheBytesBeforeIt() throws IOException {
        byte[] first = new byte[1000];
        InputStream breaking = new InputStream() {
            private boolean sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (!sent) {
                    sent = true;
                    System.arraycopy(first, 0, b, off, first.length);
                    return first.length;
                }
                throw new IOException("connection reset");
            }
        };
        try (ReadAhead in = new ReadAhead(breaking)) {
            assertThat(in.read(new byte[4096], 0, 4096)).isEqualTo(first.length);
            assertThatThrownBy(() -> in.read(new byte[10], 0, 10)).isInstanceOf(IOException.class)
                    .hasMessage("connection reset");
        }
    }
}
