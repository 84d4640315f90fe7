package io.glance.server;

import io.glance.adapters.imagecache.DirectoryImageCache;
import io.glance.adapters.policy.OsloPolicy;
import io.glance.application.GlanceServices;
import io.glance.application.ImageQuotas;
import io.glance.application.UploadLimits;
import io.glance.application.cache.ImageCacheSettings;
import io.glance.domain.ImageId;
import io.glance.domain.RequestContext;
import io.glance.ports.in.CreateImageCommand;
import io.glance.ports.in.ImageDownload;
import io.glance.ports.in.RangeRequest;
import io.glance.ports.out.PropertyProtection;
import io.glance.testing.InMemoryImageRepository;
import io.glance.testing.InMemoryStoreDriver;
import io.glance.testing.InMemoryStoreRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The use cases' downloads over a real {@link DirectoryImageCache} in a temporary directory and an in-memory store.
 * After the first whole download the test deletes the object from the store, so that every later download that
 * still gets the bytes can only have been served from the cache.
 */
class ImageCacheDownloadsTest {
    private static final RequestContext ADMIN = new RequestContext("req-admin", "ops", Set.of("admin"), true);
    private static final RequestContext ALICE = new RequestContext("req-alice", "alice", Set.of("member"), false);

    @TempDir
    Path directory;

    private final InMemoryStoreDriver store = new InMemoryStoreDriver("memory");
    private final byte[] data = new byte[300_000];
    private DirectoryImageCache cache;
    private GlanceServices services;

    @BeforeEach
    void start() {
        new Random(13).nextBytes(data);
        cache = new DirectoryImageCache(directory.resolve("cache"), Clock.systemUTC());
        InMemoryImageRepository repository = new InMemoryImageRepository();
        services = new GlanceServices(new InvalidatingImageRepository(repository, cache::remove), repository,
                InMemoryStoreRegistry.of(store), Clock.systemUTC(), UploadLimits.defaults(),
                OsloPolicy.defaults(false), PropertyProtection.NONE, ImageQuotas.defaults(), null, cache,
                ImageCacheSettings.defaults(true), null);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private ImageId activeImage() {
        ImageId id = services.catalog().create(ADMIN, new CreateImageCommand(null, "img", null, null, null, null,
                null, "raw", "bare", "alice", true, List.of(), Map.of())).id();
        services.data().upload(ADMIN, id, new ByteArrayInputStream(data), data.length, null);
        return id;
    }

    private byte[] download(ImageId id, RangeRequest range) throws IOException {
        ImageDownload download = services.data().download(ALICE, id, range).orElseThrow();
        try (InputStream in = download.data()) {
            return in.readAllBytes();
        }
    }

    private void dropFromStore(ImageId id) {
        store.delete(store.locationOf(id.value()));
        assertThat(store.bytesOf(id.value())).isEmpty();
    }

    @Test
    void aWholeDownloadFillsTheCacheAndLaterDownloadsComeFromIt() throws IOException {
        ImageId id = activeImage();
        assertThat(cache.cached()).isEmpty();

        assertThat(download(id, null)).isEqualTo(data);
        assertThat(Files.exists(directory.resolve("cache").resolve(id.value()))).isTrue();
        dropFromStore(id);

        assertThat(download(id, null)).isEqualTo(data);
        assertThat(download(id, new RangeRequest(1000, 1999)))
                .isEqualTo(Arrays.copyOfRange(data, 1000, 2000));
        assertThat(download(id, new RangeRequest(-1, 10)))
                .isEqualTo(Arrays.copyOfRange(data, data.length - 10, data.length));
        assertThat(cache.cached()).singleElement().satisfies(cached -> {
            assertThat(cached.id()).isEqualTo(id);
            assertThat(cached.size()).isEqualTo(data.length);
            assertThat(cached.hits()).isEqualTo(3);
        });
    }

    @Test
    void aRangedOrUnfinishedDownloadDoesNotFillTheCache() throws IOException {
        ImageId id = activeImage();

        assertThat(download(id, new RangeRequest(0, 99))).hasSize(100);
        ImageDownload partial = services.data().download(ALICE, id, null).orElseThrow();
        try (InputStream in = partial.data()) {
            in.readNBytes(1000);
        }

        assertThat(cache.cached()).isEmpty();
        try (var files = Files.list(directory.resolve("cache/incomplete"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void dataThatDoesNotMatchTheImageDigestIsNotCached() throws IOException {
        ImageId id = activeImage();
        byte[] other = data.clone();
        other[5] ^= 1;
        dropFromStore(id);
        store.place(id.value(), other);

        assertThat(download(id, null)).isEqualTo(other);

        assertThat(cache.cached()).isEmpty();
        assertThat(Files.exists(directory.resolve("cache/invalid").resolve(id.value()))).isTrue();
    }

    @Test
    void aCopyChangedOnDiskIsNotServed() throws IOException {
        ImageId id = activeImage();
        download(id, null);
        Path copy = directory.resolve("cache").resolve(id.value());
        corrupt(copy, false);

        assertThat(download(id, null)).as("from the store again").isEqualTo(data);
        assertThat(Files.exists(directory.resolve("cache/invalid").resolve(id.value()))).isTrue();
        assertThat(cache.cached()).as("refilled by that download").singleElement();
        dropFromStore(id);
        assertThat(download(id, null)).isEqualTo(data);
    }

    @Test
    void aCopyCorruptedBehindItsRecordsBackIsCutShortAndThenNotServed() throws IOException {
        ImageId id = activeImage();
        download(id, null);
        Path copy = directory.resolve("cache").resolve(id.value());
        corrupt(copy, true);

        ImageDownload download = services.data().download(ALICE, id, null).orElseThrow();
        byte[] buffer = new byte[8192];
        long delivered = 0;
        try (InputStream in = download.data()) {
            assertThatThrownBy(() -> {
                long total = 0;
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    total += n;
                    assertThat(total).isLessThan(data.length);
                }
            }).isInstanceOf(IOException.class).hasMessageContaining("corrupt");
        }
        assertThat(Files.exists(copy)).isFalse();
        assertThat(download(id, null)).as("from the store").isEqualTo(data);
    }

    @Test
    void deletingOrDeactivatingAnImageDropsItsCopy() throws IOException {
        ImageId deleted = activeImage();
        ImageId deactivated = activeImage();
        download(deleted, null);
        download(deactivated, null);
        assertThat(cache.cached()).hasSize(2);

        services.catalog().delete(ADMIN, deleted);
        services.activation().deactivate(ADMIN, deactivated);

        assertThat(cache.cached()).isEmpty();
        services.activation().reactivate(ADMIN, deactivated);
        dropFromStore(deactivated);
        assertThat(services.data().download(ALICE, deactivated, null)).as("not from a cache").isEmpty();
    }

    /** Flips one byte in the middle; optionally puts the modification time back as it was. */
    private static void corrupt(Path file, boolean hideTheChange) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0xff);
        }
        if (hideTheChange) {
            Files.setLastModifiedTime(file, modified);
        } else {
            Files.setLastModifiedTime(file, FileTime.fromMillis(modified.toMillis() + 5000));
        }
    }
}
