package io.glance.adapters.imagecache;

import io.glance.domain.ImageId;
import io.glance.ports.out.ImageCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The directory layout, records and housekeeping of {@link DirectoryImageCache} on a real file system. */
class DirectoryImageCacheTest {
    private static final String DIGEST = "sha512:00ff";
    private static final byte[] BYTES = "0123456789".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path directory;

    private DirectoryImageCache cache(Instant now) {
        return new DirectoryImageCache(directory, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static void fill(ImageCache cache, ImageId id) throws IOException {
        ImageCache.Fill fill = cache.startFill(id).orElseThrow();
        fill.write(BYTES, 0, BYTES.length);
        fill.commit(BYTES.length, DIGEST);
    }

    private static String read(ImageCache cache, ImageId id, long offset, long length) throws IOException {
        try (InputStream in = cache.open(id, BYTES.length, DIGEST, offset, length).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aCommittedCopyIsOpenedWholeOrInPartsAndCountsHits() throws IOException {
        DirectoryImageCache cache = cache(Instant.parse("2026-12-01T10:00:00Z"));
        ImageId id = ImageId.random();
        fill(cache, id);

        assertThat(read(cache, id, 0, 10)).isEqualTo("0123456789");
        assertThat(read(cache, id, 3, 4)).isEqualTo("3456");
        assertThat(cache.cached()).singleElement().satisfies(image -> {
            assertThat(image.size()).isEqualTo(10);
            assertThat(image.hits()).isEqualTo(2);
            assertThat(image.lastModified()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        });
        assertThat(directory.resolve(id.value())).exists();
        assertThat(directory.resolve("meta").resolve(id.value())).exists();
    }

    @Test
    void onlyOneWriterPerImageAndNoneForACachedOne() throws IOException {
        DirectoryImageCache cache = cache(Instant.now());
        ImageId id = ImageId.random();
        ImageCache.Fill first = cache.startFill(id).orElseThrow();
        assertThat(cache.startFill(id)).isEmpty();
        first.write(BYTES, 0, BYTES.length);
        first.commit(BYTES.length, DIGEST);
        assertThat(cache.startFill(id)).isEmpty();
    }

    @Test
    void aCopyOfTheWrongSizeOrDigestIsNotOpenedAndMovedAside() throws IOException {
        DirectoryImageCache cache = cache(Instant.now());
        ImageId id = ImageId.random();
        fill(cache, id);

        assertThat(cache.open(id, BYTES.length, "sha512:other", 0, 10)).isEmpty();
        assertThat(directory.resolve("invalid").resolve(id.value())).exists();
        assertThat(cache.cached()).isEmpty();

        ImageCache.Fill shortFill = cache.startFill(id).orElseThrow();
        shortFill.write(BYTES, 0, 5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> shortFill.commit(10, DIGEST))
                .isInstanceOf(IOException.class).hasMessageContaining("5 bytes were written");
        assertThat(cache.cached()).isEmpty();
        assertThat(directory.resolve("incomplete").resolve(id.value())).doesNotExist();
    }

    @Test
    void removingAnImageBeingWrittenKeepsItsCopyFromBeingPublished() throws IOException {
        DirectoryImageCache cache = cache(Instant.now());
        ImageId id = ImageId.random();
        ImageCache.Fill fill = cache.startFill(id).orElseThrow();
        fill.write(BYTES, 0, 5);

        assertThat(cache.remove(id)).isTrue();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            fill.write(BYTES, 5, 5);
            fill.commit(10, DIGEST);
        }).isInstanceOf(IOException.class).hasMessageContaining("cancelled");
        fill.discard(false);
        assertThat(cache.cached()).isEmpty();
        assertThat(directory.resolve(id.value())).doesNotExist();
    }

    @Test
    void queueKeepsOrderAndClearsByTarget() throws IOException {
        DirectoryImageCache cache = cache(Instant.now());
        ImageId first = ImageId.random();
        ImageId second = ImageId.random();
        assertThat(cache.queue(first)).isTrue();
        Files.setLastModifiedTime(directory.resolve("queue").resolve(first.value()),
                FileTime.from(Instant.now().minusSeconds(60)));
        assertThat(cache.queue(second)).isTrue();
        assertThat(cache.queue(first)).isFalse();
        assertThat(cache.queued()).containsExactly(first, second);
        ImageId cached = ImageId.random();
        fill(cache, cached);

        assertThat(cache.clearQueue()).isEqualTo(2);
        assertThat(cache.queued()).isEmpty();
        assertThat(cache.cached()).hasSize(1);
        assertThat(cache.clearCached()).isEqualTo(1);
        assertThat(cache.cached()).isEmpty();
    }

    @Test
    void cleanerDeletesInvalidCopiesAndStalledWritesOnly() throws IOException {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        DirectoryImageCache cache = cache(now);
        ImageId invalid = ImageId.random();
        fill(cache, invalid);
        cache.invalidate(invalid);
        ImageId stalled = ImageId.random();
        ImageCache.Fill stalledFill = cache.startFill(stalled).orElseThrow();
        stalledFill.write(BYTES, 0, 3);
        Files.setLastModifiedTime(directory.resolve("incomplete").resolve(stalled.value()),
                FileTime.from(now.minus(Duration.ofHours(2))));
        ImageId fresh = ImageId.random();
        cache.startFill(fresh).orElseThrow().write(BYTES, 0, 3);
        Files.setLastModifiedTime(directory.resolve("incomplete").resolve(fresh.value()),
                FileTime.from(now.minus(Duration.ofMinutes(2))));

        assertThat(cache.clean(Duration.ofHours(1))).isEqualTo(2);

        assertThat(directory.resolve("invalid").resolve(invalid.value())).doesNotExist();
        assertThat(directory.resolve("incomplete").resolve(stalled.value())).doesNotExist();
        assertThat(directory.resolve("incomplete").resolve(fresh.value())).exists();
        assertThat(cache.startFill(stalled)).as("the stalled download keeps its claim until it ends").isEmpty();
    }

    @Test
    void leftoversOfAStoppedProcessAreDeletedAtStart() throws IOException {
        Files.createDirectories(directory.resolve("incomplete"));
        ImageId id = ImageId.random();
        Files.write(directory.resolve("incomplete").resolve(id.value()), BYTES);

        DirectoryImageCache cache = cache(Instant.now());

        assertThat(directory.resolve("incomplete").resolve(id.value())).doesNotExist();
        assertThat(cache.startFill(id)).isPresent();
    }
}
