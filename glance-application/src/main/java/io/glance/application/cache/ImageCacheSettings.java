package io.glance.application.cache;

import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * This node's image cache: Glance's {@code image_cache_*} options, and {@code image_cache_enabled}, which turns it on
 * (Glance does that with its paste pipeline, {@code [paste_deploy] flavor = keystone+cachemanagement}).
 *
 * @param enabled   whether downloads use the cache and the cache API answers
 * @param directory {@code image_cache_dir}, or null for {@code <data_dir>/image-cache}
 * @param maxSize   the pruner's limit on the bytes of complete copies
 * @param stallTime after how long without growing a copy being written is deleted by the cleaner
 * @param maintenanceInterval how often the prefetcher, pruner and cleaner run
 */
public record ImageCacheSettings(boolean enabled, Path directory, long maxSize, Duration stallTime,
                                 Duration maintenanceInterval) {
    public static final Option<Boolean> ENABLED = Option.bool("image_cache_enabled", false,
            "keep a copy of downloaded image data on this node and serve from it, with the `/v2/cache` API"
                    + " (Glance's `flavor = keystone+cachemanagement`)");
    public static final Option<Path> DIRECTORY = Option.path("image_cache_dir", null, "`<data_dir>/image-cache`",
            "where the image cache keeps its copies (one directory per glance-api process)");
    public static final Option<Long> MAX_SIZE = Option.size("image_cache_max_size", 10L << 30, "10G",
            "bytes of cached copies the pruner keeps at most (least recently used go first)");
    public static final Option<Duration> STALL_TIME = Option.seconds("image_cache_stall_time",
            Duration.ofDays(1), Duration.ofSeconds(1),
            "seconds after which a copy still being written that stopped growing is deleted by the cleaner");
    public static final Option<Duration> MAINTENANCE_INTERVAL = Option.seconds("image_cache_maintenance_interval",
            Duration.ofMinutes(5), Duration.ofSeconds(1),
            "seconds between runs of the cache's prefetcher, pruner and cleaner inside glance-api (Glance's cron"
                    + " jobs)");
    /** The options these settings are read from. */
    public static final List<Option<?>> OPTIONS = List.of(ENABLED, DIRECTORY, MAX_SIZE, STALL_TIME,
            MAINTENANCE_INTERVAL);

    public static ImageCacheSettings from(OptionValues values) {
        return new ImageCacheSettings(values.get(ENABLED), values.get(DIRECTORY), values.get(MAX_SIZE),
                values.get(STALL_TIME), values.get(MAINTENANCE_INTERVAL));
    }

    /** The defaults, on or off. */
    public static ImageCacheSettings defaults(boolean enabled) {
        return new ImageCacheSettings(enabled, null, MAX_SIZE.defaultValue(), STALL_TIME.defaultValue(),
                MAINTENANCE_INTERVAL.defaultValue());
    }

    /** The cache directory, {@code <dataDir>/image-cache} unless configured. */
    public Path directory(Path dataDir) {
        return directory != null ? directory : dataDir.resolve("image-cache");
    }
}
