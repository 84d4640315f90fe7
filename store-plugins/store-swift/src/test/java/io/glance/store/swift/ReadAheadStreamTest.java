package io.glance.store.swift;

import io.glance.store.tck.PatternInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadAheadStreamTest {
    private final ExecutorService readers = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("test-read-ahead-", 0).factory());

    @AfterEach
    void stop() {
        readers.shutdownNow();
    }

    @Test
    void deliversEveryByteInOrderAcrossManyBlocks() throws IOException {
        int size = ReadAheadStream.BLOCK * (ReadAheadStream.BLOCKS + 3) + 12_345;
        byte[] expected = new PatternInputStream(size, 5).readAllBytes();

        byte[] read;
        try (InputStream stream = new ReadAheadStream(new TrickleStream(expected), readers)) {
            read = readInPieces(stream, 100_000);
        }

        assertThat(read).isEqualTo(expected);
    }

    @Test
    void deliversTheBytesBeforeAFailureThenTheSourcesOwnException() throws IOException {
        byte[] before = new PatternInputStream(ReadAheadStream.BLOCK + 1000, 3).readAllBytes();
        SocketTimeoutException failure = new SocketTimeoutException("Read timed out");
        InputStream source = new FailingAfter(before, failure);

        try (InputStream stream = new ReadAheadStream(source, readers)) {
            byte[] got = new byte[before.length];
            int n = 0;
            while (n < got.length) {
                n += stream.read(got, n, got.length - n);
            }
            assertThat(got).isEqualTo(before);
            assertThatThrownBy(() -> stream.read(new byte[10], 0, 10)).isSameAs(failure);
        }
    }

    @Test
    void closingEarlyStopsTheReaderWhichClosesTheSource() throws Exception {
        CountDownLatch sourceClosed = new CountDownLatch(1);
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 7;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                Arrays.fill(buffer, offset, offset + length, (byte) 7);
                return length;
            }

            @Override
            public void close() {
                sourceClosed.countDown();
            }
        };

        InputStream stream = new ReadAheadStream(endless, readers);
        assertThat(stream.read(new byte[1000])).isPositive();
        stream.close();

        assertThat(sourceClosed.await(30, TimeUnit.SECONDS)).as("source closed by the reader").isTrue();
        assertThatThrownBy(() -> stream.read(new byte[10])).isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void anEmptySourceEndsAtOnce() throws IOException {
        try (InputStream stream = new ReadAheadStream(new ByteArrayInputStream(new byte[0]), readers)) {
            assertThat(stream.read(new byte[10])).isEqualTo(-1);
            assertThat(stream.read(new byte[10])).isEqualTo(-1);
        }
    }

    private static byte[] readInPieces(InputStream stream, int piece) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[piece];
        int n;
        while ((n = stream.read(buffer, 0, buffer.length)) >= 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Hands out at most 7,000 bytes per read, as a socket does: blocks fill over many reads. */
    private static final class TrickleStream extends ByteArrayInputStream {
        TrickleStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            return super.read(buffer, offset, Math.min(length, 7000));
        }
    }

    /** Delivers {@code bytes}, then throws {@code failure} instead of the end. */
    private static final class FailingAfter extends InputStream {
        private final byte[] bytes;
        private final IOException failure;
        private int position;

        FailingAfter(byte[] bytes, IOException failure) {
            this.bytes = Arrays.copyOf(bytes, bytes.length);
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position == bytes.length) {
                throw failure;
            }
            int n = Math.min(length, bytes.length - position);
            System.arraycopy(bytes, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
