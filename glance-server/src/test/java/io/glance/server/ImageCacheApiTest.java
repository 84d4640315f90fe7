package io.glance.server;

import io.glance.adapters.imagecache.DirectoryImageCache;
import io.glance.adapters.policy.OsloPolicy;
import io.glance.application.GlanceServices;
import io.glance.application.ImageQuotas;
import io.glance.application.UploadLimits;
import io.glance.application.cache.ImageCacheSettings;
import io.glance.domain.ForbiddenException;
import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.ports.in.CreateImageCommand;
import io.glance.ports.in.ImageCacheManagement;
import io.glance.ports.in.ImageCacheManagement.ClearTarget;
import io.glance.ports.out.ImageCache.CachedImage;
import io.glance.ports.out.PropertyProtection;
import io.glance.testing.InMemoryImageRepository;
import io.glance.testing.InMemoryStoreDriver;
import io.glance.testing.InMemoryStoreRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cache API's use cases and the background prefetcher, pruner and cleaner, over a real
 * {@link DirectoryImageCache}, Zed's default policy and an in-memory store.
 */
class ImageCacheApiTest {
    private static final RequestContext ADMIN = new RequestContext("req-admin", "ops", Set.of("admin"), true);
    private static final RequestContext ALICE = new RequestContext("req-alice", "alice", Set.of("member"), false);

    @TempDir
    Path directory;

    private final InMemoryStoreDriver store = new InMemoryStoreDriver("memory");
    private GlanceServices services;
    private ImageCacheManagement api;

    private void start(long maxSize) {
        start(maxSize, Duration.ofSeconds(1));
    }

    /** @param interval how often the prefetcher, pruner and cleaner run */
    private void start(long maxSize, Duration interval) {
        DirectoryImageCache cache = new DirectoryImageCache(directory, Clock.systemUTC());
        InMemoryImageRepository repository = new InMemoryImageRepository();
        services = new GlanceServices(new InvalidatingImageRepository(repository, cache::remove), repository,
                InMemoryStoreRegistry.of(store), Clock.systemUTC(), UploadLimits.defaults(),
                OsloPolicy.defaults(false), PropertyProtection.NONE, ImageQuotas.defaults(), null, cache,
                new ImageCacheSettings(true, directory, maxSize, Duration.ofHours(1), interval), null);
        api = services.cacheManagement();
    }

    @AfterEach
    void stop() {
        if (services != null) {
            services.close();
        }
    }

    private ImageId image(boolean withData, int size) {
        ImageId id = services.catalog().create(ALICE, new CreateImageCommand(null, "img", null, null, null, null,
                null, "raw", "bare", null, false, List.of(), Map.of())).id();
        if (withData) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            services.data().upload(ALICE, id, new ByteArrayInputStream(data), size, null);
        }
        return id;
    }

    private void download(ImageId id) throws IOException {
        try (InputStream in = services.data().download(ALICE, id, null).orElseThrow().data()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private List<ImageId> cachedIds() {
        return api.list(ADMIN).cached().stream().map(CachedImage::id).toList();
    }

    @Test
    void everyActionIsForAdminsOnly() {
        start(1 << 20);
        ImageId id = image(true, 100);
        assertThatThrownBy(() -> api.list(ALICE)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("cache_list");
        assertThatThrownBy(() -> api.queue(ALICE, id)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("cache_image");
        assertThatThrownBy(() -> api.delete(ALICE, id)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("cache_delete");
        assertThatThrownBy(() -> api.clear(ALICE, ClearTarget.BOTH)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("cache_delete");
    }

    @Test
    void queueingNeedsAnActiveImage() {
        start(1 << 20);
        assertThatThrownBy(() -> api.queue(ADMIN, ImageId.random())).isInstanceOf(NotFoundException.class);
        ImageId queued = image(false, 0);
        assertThatThrownBy(() -> api.queue(ADMIN, queued)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Only images with status active can be targeted for queueing");
        assertThat(api.list(ADMIN).queued()).isEmpty();
    }

    @Test
    void aQueuedImageIsListedThenFetchedIntoTheCacheInTheBackground() throws Exception {
        start(1 << 20, Duration.ofMinutes(5));
        ImageId id = image(true, 5000);

        api.queue(ADMIN, id);

        assertThat(api.list(ADMIN).queued()).containsExactly(id);
        // The prefetcher moves the copy into the cache, then drops the queue entry: wait for both.
        awaitTrue(() -> cachedIds().contains(id) && api.list(ADMIN).queued().isEmpty());
        assertThat(api.list(ADMIN).cached()).singleElement().satisfies(image -> {
            assertThat(image.size()).isEqualTo(5000);
            assertThat(image.hits()).isZero();
        });
        store.delete(store.locationOf(id.value()));
        download(id);
        assertThat(api.list(ADMIN).cached().get(0).hits()).isEqualTo(1);
    }

    @Test
    void deleteAndClearByTarget() throws Exception {
        start(1 << 20, Duration.ofMinutes(5));
        ImageId cached = image(true, 100);
        ImageId other = image(true, 100);
        download(cached);
        download(other);
        ImageId queued = image(true, 100);
        Files.createFile(directory.resolve("queue").resolve(queued.value()));

        api.delete(ADMIN, other);
        assertThat(cachedIds()).containsExactly(cached);
        assertThatThrownBy(() -> api.delete(ADMIN, ImageId.random())).isInstanceOf(NotFoundException.class);

        api.clear(ADMIN, ClearTarget.QUEUE);
        assertThat(api.list(ADMIN).queued()).isEmpty();
        assertThat(cachedIds()).containsExactly(cached);
        Files.createFile(directory.resolve("queue").resolve(queued.value()));
        api.clear(ADMIN, ClearTarget.CACHE);
        assertThat(cachedIds()).isEmpty();
        assertThat(api.list(ADMIN).queued()).containsExactly(queued);
        download(cached);
        api.clear(ADMIN, ClearTarget.BOTH);
        assertThat(api.list(ADMIN).cached()).isEmpty();
        assertThat(api.list(ADMIN).queued()).isEmpty();
    }

    @Test
    void prunerDropsLeastRecentlyUsedCopiesDownToTheLimit() throws Exception {
        start(2500);
        ImageId oldest = image(true, 1000);
        ImageId middle = image(true, 1000);
        ImageId newest = image(true, 1000);
        for (ImageId id : List.of(oldest, middle, newest)) {
            download(id);
            Thread.sleep(20);
        }
        download(oldest);

        awaitTrue(() -> cachedIds().size() == 2);
        assertThat(cachedIds()).containsExactlyInAnyOrder(oldest, newest);
        long total;
        try (var files = Files.list(directory)) {
            total = files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
        assertThat(total).isLessThanOrEqualTo(2500);
    }

    @Test
    void cleanerDeletesInvalidAndStalledFiles() throws Exception {
        start(1 << 20);
        Path invalid = Files.write(directory.resolve("invalid").resolve(ImageId.random().value()), new byte[10]);
        Path stalled = Files.write(directory.resolve("incomplete").resolve(ImageId.random().value()), new byte[10]);
        Files.setLastModifiedTime(stalled, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path fresh = Files.write(directory.resolve("incomplete").resolve(ImageId.random().value()), new byte[10]);

        awaitTrue(() -> !Files.exists(invalid) && !Files.exists(stalled));
        assertThat(fresh).exists();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
