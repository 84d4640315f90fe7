package io.glance.application;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reads past the page cache return the file's bytes at any position and length (aligned or not, up to and past the
 * end), never a byte beyond those the caller said are final, and see bytes just written through the page cache; the
 * next final bytes are read while the current ones are handed out, and never bytes that are not final yet.
 */
class UncachedReadsTest {
    private static final int BLOCK = UncachedReads.ALIGNMENT;

    @TempDir
    Path dir;

    @Test
    void readsTheFileAtAlignedAndUnalignedPositions() throws Exception {
        byte[] data = TestData.bytes(6 * BLOCK + 100);
        Path file = dir.resolve("data");
        Files.write(file, data);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             UncachedReads reads = new UncachedReads(file, channel, 2 * BLOCK, Runnable::run)) {
            byte[] buffer = new byte[3 * BLOCK];

            // Aligned, more asked than one read takes: at most the read size.
            int read = reads.read(buffer, 0, buffer.length, 0, data.length);
            assertThat(read).isEqualTo(2 * BLOCK);
            assertThat(Arrays.copyOf(buffer, read)).isEqualTo(Arrays.copyOf(data, read));

            // Aligned and short, then the rest of the same read handed out from where the first call stopped.
            Arrays.fill(buffer, (byte) 0);
            read = reads.read(buffer, 5, 10, 2 * BLOCK, data.length);
            assertThat(read).isEqualTo(10);
            assertThat(Arrays.copyOfRange(buffer, 5, 15)).isEqualTo(Arrays.copyOfRange(data, 2 * BLOCK, 2 * BLOCK + 10));
            assertThat(buffer[15]).isZero();
            read = reads.read(buffer, 0, buffer.length, 2 * BLOCK + 10, data.length - 2 * BLOCK - 10);
            assertThat(Arrays.copyOf(buffer, read)).isEqualTo(Arrays.copyOfRange(data, 2 * BLOCK + 10,
                    2 * BLOCK + 10 + read));

            // Not aligned and not held: through the page cache.
            read = reads.read(buffer, 0, 1000, 5 * BLOCK + 7, 1000);
            assertThat(read).isEqualTo(1000);
            assertThat(Arrays.copyOf(buffer, read)).isEqualTo(Arrays.copyOfRange(data, 5 * BLOCK + 7,
                    5 * BLOCK + 1007));

            // The last, partial block, then the end.
            read = reads.read(buffer, 0, buffer.length, 6L * BLOCK, Long.MAX_VALUE);
            assertThat(read).isEqualTo(100);
            assertThat(Arrays.copyOf(buffer, read)).isEqualTo(Arrays.copyOfRange(data, data.length - 100,
                    data.length));
            assertThat(reads.read(buffer, 0, buffer.length, 7L * BLOCK, Long.MAX_VALUE)).isEqualTo(-1);
        }
    }

    @Test
    void neverHandsOutBytesBeyondThoseSaidToBeFinal() throws Exception {
        Path file = dir.resolve("data");
        byte[] before = new byte[4 * BLOCK];
        Files.write(file, before);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             UncachedReads reads = new UncachedReads(file, channel, 4 * BLOCK, Runnable::run);
             FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[4 * BLOCK];
            // One block final: the read underneath may take more, but only the final block comes out.
            assertThat(reads.read(buffer, 0, buffer.length, 0, BLOCK)).isEqualTo(BLOCK);

            // The next block is written (through the page cache) and only then announced: its new bytes come out.
            byte[] second = new byte[BLOCK];
            Arrays.fill(second, (byte) 7);
            writer.write(ByteBuffer.wrap(second), BLOCK);
            int read = reads.read(buffer, 0, buffer.length, BLOCK, BLOCK);
            assertThat(read).isEqualTo(BLOCK);
            assertThat(Arrays.copyOf(buffer, read)).isEqualTo(second);
        }
    }

    @Test
    void readsTheNextFinalBytesAheadWhileTheCurrentOnesAreHandedOut() throws Exception {
        byte[] data = TestData.bytes(6 * BLOCK);
        Path file = dir.resolve("data");
        Files.write(file, data);
        List<Runnable> readsAhead = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             UncachedReads reads = new UncachedReads(file, channel, 2 * BLOCK, readsAhead::add)) {
            assumeTrue(reads.direct(), "the temporary folder's file system takes O_DIRECT");
            byte[] buffer = new byte[BLOCK];

            // Three blocks final: the first read takes two, and the third is read ahead at once.
            assertThat(reads.read(buffer, 0, BLOCK, 0, 3 * BLOCK)).isEqualTo(BLOCK);
            assertThat(buffer).isEqualTo(Arrays.copyOf(data, BLOCK));
            assertThat(readsAhead).hasSize(1);
            readsAhead.removeFirst().run();

            assertThat(reads.read(buffer, 0, BLOCK, BLOCK, 2 * BLOCK)).isEqualTo(BLOCK);
            assertThat(buffer).isEqualTo(Arrays.copyOfRange(data, BLOCK, 2 * BLOCK));
            assertThat(readsAhead).as("one read ahead at a time").isEmpty();

            // The third block comes from the read ahead, which held only it: the fourth is not final yet, so
            // nothing more is read ahead until it is.
            assertThat(reads.read(buffer, 0, BLOCK, 2 * BLOCK, BLOCK)).isEqualTo(BLOCK);
            assertThat(buffer).isEqualTo(Arrays.copyOfRange(data, 2 * BLOCK, 3 * BLOCK));
            assertThat(readsAhead).isEmpty();

            // Three more final: read now (two), the last one ahead.
            assertThat(reads.read(buffer, 0, BLOCK, 3 * BLOCK, 3 * BLOCK)).isEqualTo(BLOCK);
            assertThat(buffer).isEqualTo(Arrays.copyOfRange(data, 3 * BLOCK, 4 * BLOCK));
            assertThat(readsAhead).hasSize(1);
            readsAhead.removeFirst().run();
            for (int block = 4; block < 6; block++) {
                assertThat(reads.read(buffer, 0, BLOCK, (long) block * BLOCK, (6L - block) * BLOCK)).isEqualTo(BLOCK);
                assertThat(buffer).isEqualTo(Arrays.copyOfRange(data, block * BLOCK, (block + 1) * BLOCK));
            }
        }
    }

    @Test
    void aReadAheadOfBytesWrittenAfterwardsIsNeverHandedOut() throws Exception {
        // What the caller says is final stays so; bytes past that may still change, and are read when asked for.
        Path file = dir.resolve("data");
        Files.write(file, new byte[4 * BLOCK]);
        List<Runnable> readsAhead = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             UncachedReads reads = new UncachedReads(file, channel, BLOCK, readsAhead::add);
             FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
            assumeTrue(reads.direct(), "the temporary folder's file system takes O_DIRECT");
            byte[] buffer = new byte[BLOCK];
            assertThat(reads.read(buffer, 0, BLOCK, 0, BLOCK)).isEqualTo(BLOCK);
            assertThat(readsAhead).as("nothing final past the first block").isEmpty();

            byte[] second = new byte[BLOCK];
            Arrays.fill(second, (byte) 7);
            writer.write(ByteBuffer.wrap(second), BLOCK);
            assertThat(reads.read(buffer, 0, BLOCK, BLOCK, BLOCK)).isEqualTo(BLOCK);
            assertThat(buffer).isEqualTo(second);
        }
    }
}
