package io.glance.application;

import io.glance.domain.LimitExceededException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Digests of a file read while it is written: announced windows written out of order inside each window (as
 * {@code qemu-img convert -W} does), then the file moved as staging does. The result must be that of hashing the whole
 * file.
 */
class GrowingFileDigestsTest {
    private final ExecutorService executor = GlanceServices.newDigestExecutor();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void windowsWrittenAndAnnouncedOneByOneGiveTheDigestsOfTheWholeFile() throws Exception {
        // Windows that do not line up with the reader's 1 MiB hand-overs, the last one short.
        byte[] data = TestData.bytes(5 * UploadStream.BUFFER_SIZE + 12_345);
        int window = 700_001;
        Path file = dir.resolve("image.raw");
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(data.length);
            GrowingFileDigests digests = new GrowingFileDigests(file, Long.MAX_VALUE,
                    UploadStream.overImageSizeCap(Long.MAX_VALUE), executor);
            for (int start = 0; start < data.length; start += window) {
                int end = Math.min(start + window, data.length);
                int middle = (start + end) / 2;
                out.seek(middle);
                out.write(data, middle, end - middle);
                out.seek(start);
                out.write(data, start, middle - start);
                digests.writtenUpTo(end);
            }
            Path staged = Files.move(file, dir.resolve("staged"));
            digests.complete();

            assertThat(digests.digestsOf(staged)).isTrue();
            UploadDigests result = digests.await();
            assertThat(result.size()).isEqualTo(data.length);
            assertThat(result.md5()).isEqualTo(TestData.hex("MD5", data));
            assertThat(result.sha512()).isEqualTo(TestData.hex("SHA-512", data));
        }
    }

    @Test
    void anotherFileIsNotTheOneDigested() throws IOException {
        Path file = Files.write(dir.resolve("image.raw"), TestData.bytes(1000));
        Path other = Files.write(dir.resolve("other"), TestData.bytes(1000));
        GrowingFileDigests digests = new GrowingFileDigests(file, Long.MAX_VALUE,
                UploadStream.overImageSizeCap(Long.MAX_VALUE), executor);
        assertThat(digests.digestsOf(file)).as("not handed over yet").isFalse();
        digests.complete();
        assertThat(digests.digestsOf(other)).isFalse();
        assertThat(digests.digestsOf(file)).isTrue();
        digests.cancel();
        assertThat(digests.digestsOf(file)).as("cancelled").isFalse();
    }

    @Test
    void moreThanTheCapFailsTheDigests() throws IOException {
        Path file = Files.write(dir.resolve("image.raw"), TestData.bytes(20_000));
        GrowingFileDigests digests = new GrowingFileDigests(file, 10_000, UploadStream.overImageSizeCap(10_000),
                executor);
        digests.writtenUpTo(20_000);
        digests.complete();
        assertThatThrownBy(digests::await).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("image_size_cap of 10000");
    }

    @Test
    void cancellingWhileTheReaderWaitsForMoreEndsIt() throws Exception {
        Path file = Files.write(dir.resolve("image.raw"), TestData.bytes(3000));
        GrowingFileDigests digests = new GrowingFileDigests(file, Long.MAX_VALUE,
                UploadStream.overImageSizeCap(Long.MAX_VALUE), executor);
        digests.writtenUpTo(1000);

        digests.cancel();

        assertThatThrownBy(digests::await).isInstanceOf(java.io.InterruptedIOException.class)
                .hasMessageContaining("cancelled");
    }

    @Test
    void anAnnouncedLengthMayNotGoBack() throws IOException {
        Path file = Files.write(dir.resolve("image.raw"), TestData.bytes(3000));
        GrowingFileDigests digests = new GrowingFileDigests(file, Long.MAX_VALUE,
                UploadStream.overImageSizeCap(Long.MAX_VALUE), executor);
        digests.writtenUpTo(2000);
        assertThatThrownBy(() -> digests.writtenUpTo(1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("went back from 2000 to 1000 bytes");
        digests.cancel();
    }
}
