package io.glance.application;

import io.glance.application.cache.ImageCacheSettings;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.RequestContext;
import io.glance.ports.in.ImageCacheManagement;
import io.glance.ports.in.ImageDownload;
import io.glance.ports.out.ImageCache;
import io.glance.ports.out.ImageCache.CachedImage;
import io.glance.ports.out.ImageRepository;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * The cache API ({@code /v2/cache}) and the cache's background work, inside glance-api instead of Glance's cron
 * programs: one thread that runs the prefetcher (fetches queued images into the cache), the pruner (drops least
 * recently used copies until the cache is under {@code image_cache_max_size}) and the cleaner (invalid copies, and
 * copies being written that stalled for {@code image_cache_stall_time}) every
 * {@code image_cache_maintenance_interval}; a queued image is fetched about a second after it was queued.
 */
final class ImageCacheService implements ImageCacheManagement, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ImageCacheService.class.getName());
    /**
     * How long after a PUT /v2/cache/{id} the prefetcher runs: queueing several images in a row makes one pass, and
     * the image is seen in the queue before it moves into the cache (as Tempest's cache test expects).
     */
    static final Duration PREFETCH_DELAY = Duration.ofSeconds(1);

    private final ImageCache cache;
    private final ImageRepository repository;
    private final ImageAccess access;
    private final ImageDownloads downloads;
    private final ImageCacheSettings settings;
    private final ScheduledExecutorService worker;

    ImageCacheService(ImageCache cache, ImageRepository repository, ImageAccess access, ImageDownloads downloads,
                      ImageCacheSettings settings) {
        this.cache = requireNonNull(cache, "cache is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.access = requireNonNull(access, "access is null");
        this.downloads = requireNonNull(downloads, "downloads is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.worker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("glance-image-cache")
                .daemon(true).factory());
        long interval = settings.maintenanceInterval().toMillis();
        worker.scheduleWithFixedDelay(this::maintain, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public CacheState list(RequestContext context) {
        access.policy().checkRule(context, "cache_list", "list the image cache");
        return new CacheState(cache.cached(), cache.queued());
    }

    @Override
    public void queue(RequestContext context, ImageId id) {
        access.policy().checkRule(context, "cache_image", "queue images for caching");
        Image image = access.visible(context, id);
        if (image.status() != ImageStatus.ACTIVE) {
            throw new InvalidInputException("Only images with status active can be targeted for queueing (image "
                    + id + " is " + image.status().wireName() + ")");
        }
        cache.queue(id);
        worker.schedule(this::prefetchQueued, PREFETCH_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void delete(RequestContext context, ImageId id) {
        access.policy().checkRule(context, "cache_delete", "delete images from the cache");
        boolean known = repository.findById(id).filter(image -> !image.deleted()).isPresent();
        if (!cache.remove(id) && !known) {
            throw ImageAccess.notFound(id);
        }
    }

    @Override
    public void clear(RequestContext context, ClearTarget target) {
        access.policy().checkRule(context, "cache_delete", "clear the image cache");
        int cached = target == ClearTarget.QUEUE ? 0 : cache.clearCached();
        int queued = target == ClearTarget.CACHE ? 0 : cache.clearQueue();
        LOG.info("Image cache cleared (" + target + "): " + cached + " copies, " + queued + " queue entries");
    }

    /** One pass of the background work; a failure is logged and the next pass runs as planned. */
    void maintain() {
        try {
            prefetchQueued();
            prune();
            clean();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Image cache maintenance failed; it runs again in "
                    + settings.maintenanceInterval().toSeconds() + " s", e);
        }
    }

    /** The prefetcher: every queued image that is still active is read from its store into the cache. */
    void prefetchQueued() {
        for (ImageId id : cache.queued()) {
            if (worker.isShutdown()) {
                return;
            }
            try {
                prefetch(id);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not fetch queued image " + id + " into the cache; it stays queued", e);
            }
        }
    }

    private void prefetch(ImageId id) {
        Optional<Image> found = repository.findById(id).filter(image -> image.status() == ImageStatus.ACTIVE);
        if (found.isEmpty()) {
            LOG.info("Dropping image " + id + " from the cache queue: it is no longer active");
            cache.dequeue(id);
            return;
        }
        if (!isCached(id)) {
            Optional<ImageDownload> download = downloads.open(found.get(), null);
            if (download.isEmpty()) {
                LOG.warning("Dropping image " + id + " from the cache queue: no store has its data");
                cache.dequeue(id);
                return;
            }
            try (InputStream data = download.get().data()) {
                data.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException e) {
                LOG.warning("Reading image " + id + " for the cache failed: " + e.getMessage());
            }
        }
        if (isCached(id)) {
            cache.dequeue(id);
            LOG.info("Prefetched image " + id + " into the cache");
        }
    }

    private boolean isCached(ImageId id) {
        return cache.cached().stream().anyMatch(image -> image.id().equals(id));
    }

    /** The pruner: least recently used copies go until the cache holds at most {@code image_cache_max_size}. */
    int prune() {
        List<CachedImage> cached = new ArrayList<>(cache.cached());
        long total = cached.stream().mapToLong(CachedImage::size).sum();
        if (total <= settings.maxSize()) {
            return 0;
        }
        cached.sort(Comparator.comparing(CachedImage::lastAccessed));
        int pruned = 0;
        for (CachedImage image : cached) {
            if (total <= settings.maxSize()) {
                break;
            }
            if (cache.remove(image.id())) {
                total -= image.size();
                pruned++;
            }
        }
        LOG.info("Image cache pruned: " + pruned + " least recently used copies dropped, " + total
                + " bytes kept (image_cache_max_size " + settings.maxSize() + ")");
        return pruned;
    }

    /** The cleaner. */
    int clean() {
        int cleaned = cache.clean(settings.stallTime());
        if (cleaned > 0) {
            LOG.info("Image cache cleaned: " + cleaned + " invalid or stalled files deleted");
        }
        return cleaned;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
