package io.glance.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The file digest of a resumed upload, from ranges sent twice or skipped, and the backoff between retries. */
class SequentialDigestTest {
    @Test
    void rangesSentAgainOrSkippedStillGiveTheFilesDigest(@TempDir Path dir) throws Exception {
        byte[] data = new byte[3 * DataBody.BLOCK + 500];
        new Random(5).nextBytes(data);
        Path file = Files.write(dir.resolve("f"), data);
        SequentialDigest digest = new SequentialDigest("sha512");
        digest.update(0, data, 0, 1000);
        digest.update(500, data, 500, 1500);   // overlaps: only 1000..2000 is new
        digest.update(5000, data, 5000, 100);  // beyond the prefix: ignored, read from the file at the end
        digest.update(1000, data, 1000, 200);  // entirely known already
        assertThat(digest.position()).isEqualTo(2000);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data));
        assertThat(digest.finish(file, data.length)).isEqualTo(expected);
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        ResumeSettings settings = ResumeSettings.defaults().withDelays(Duration.ofMillis(500), Duration.ofSeconds(3));
        assertThat(settings.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.delay(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.delay(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.delay(4)).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.delay(40)).isEqualTo(Duration.ofSeconds(3));
    }
}
