package io.glance.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A failed download removes the partial file it wrote, and nothing that is not a regular file: a run as root that
 * downloaded into {@code /dev/null} and failed used to delete the device node (the next process to write there created
 * a regular file, and Varnish, running as its own user, could no longer open it). A FIFO stands in for the device.
 */
class DownloadFileTest {
    @TempDir
    Path dir;

    @Test
    void aFailedDownloadDeletesThePartialRegularFile() {
        Path target = dir.resolve("image.raw");

        assertThatThrownBy(() -> DownloadFile.write(target, out -> fail(out)))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(target).doesNotExist();
    }

    @Test
    void aFailedDownloadLeavesATargetThatIsNoRegularFile() throws Exception {
        Path fifo = dir.resolve("sink");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        // Writing to a FIFO waits for a reader: drain it like /dev/null would.
        CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThatThrownBy(() -> DownloadFile.write(fifo, out -> fail(out)))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo(4);
        assertThat(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)).as("the FIFO is still there").isTrue();
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    /** Writes a few bytes, then fails as a broken connection or a checksum mismatch would. */
    private static DownloadResult fail(java.io.OutputStream out) {
        try {
            out.write(new byte[] {1, 2, 3, 4});
            out.flush();
            throw new IOException("connection reset after 4 bytes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
