package io.glance.application;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.function.LongFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which announced files become the staged data's digests. */
class EarlyDigestsTest {
    private final ExecutorService executor = GlanceServices.newDigestExecutor();
    private final EarlyDigests early = new EarlyDigests(() -> new EarlyDigests.Limit() {
        @Override
        public long bytes() {
            return Long.MAX_VALUE;
        }

        @Override
        public LongFunction<io.glance.domain.LimitExceededException> overCap() {
            return UploadStream.overImageSizeCap(Long.MAX_VALUE);
        }
    }, executor);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        early.close();
        executor.shutdownNow();
    }

    @Test
    void disabledItIgnoresAnnouncements() {
        assertThatNoException().isThrownBy(() -> early.writtenUpTo(dir.resolve("missing"), 10));
        early.enabled(true);
        assertThatThrownBy(() -> early.writtenUpTo(dir.resolve("missing"), 10)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void onlyTheAnnouncedFileHandedOverDescribesTheStagedData() throws Exception {
        early.enabled(true);
        byte[] data = TestData.bytes(5000);
        Path announced = Files.write(dir.resolve("converted"), data);
        early.writtenUpTo(announced, 5000);
        Path staged = Files.move(announced, dir.resolve("staged"));
        early.replaced(announced);

        assertThat(early.of(staged).await().sha512()).isEqualTo(TestData.hex("SHA-512", data));

        Path other = Files.write(dir.resolve("other"), data);
        early.replaced(other);
        assertThat(early.of(other)).as("a replacement nobody announced").isNull();
    }
}
