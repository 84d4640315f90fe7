package io.glance.cli;

import io.glance.client.CacheClient;
import io.glance.client.CacheClient.CacheState;
import io.glance.client.CacheClient.CachedImage;
import io.glance.client.GlanceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * python-glanceclient's cache commands ({@code glance-cache-manage}'s successors) by their names: cache-list,
 * cache-queue, cache-delete, cache-clear, each a method here, run by picocli on the root command. They talk to the
 * node given with {@code --os-image-url} (the cache is per node).
 */
// picocli adds a class's command methods to the root as it walks the hierarchy from the top, before it reads
// the root's own addMethodSubcommands = false; CommandTree adds the ones a run needs.
@Command(addMethodSubcommands = false)
abstract class CacheCommands {
    private static final List<String> COLUMNS = List.of("ID", "State", "Last Accessed (UTC)", "Last Modified (UTC)",
            "Size", "Hits");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC);

    /** The client the global options describe. */
    abstract GlanceClient client();

    abstract Io io();

    /** {@code --json}: print the server's documents. */
    abstract boolean jsonOutput();

    private CacheClient cache() {
        return client().cache();
    }

    @Command(name = "cache-list", description = "Get cache state.")
    int cacheList() {
        CacheState state = cache().list();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CachedImage image : state.cached()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ID", image.imageId());
            row.put("State", "cached");
            row.put("Last Accessed (UTC)", image.lastAccessed() == null ? "N/A" : UTC.format(image.lastAccessed()));
            row.put("Last Modified (UTC)", image.lastModified() == null ? "N/A" : UTC.format(image.lastModified()));
            row.put("Size", image.size());
            row.put("Hits", image.hits());
            rows.add(row);
        }
        for (String id : state.queued()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ID", id);
            row.put("State", "queued");
            for (String column : COLUMNS.subList(2, COLUMNS.size())) {
                row.put(column, "N/A");
            }
            rows.add(row);
        }
        if (jsonOutput()) {
            ImageFormat.json(io().out(), document(state));
        } else {
            MetadefTables.list(io().out(), COLUMNS, rows);
        }
        return ExitCodes.OK;
    }

    /** The server's document: float epoch seconds, Glance's field names. */
    private static Map<String, Object> document(CacheState state) {
        List<Map<String, Object>> cached = new ArrayList<>();
        for (CachedImage image : state.cached()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("image_id", image.imageId());
            json.put("hits", image.hits());
            json.put("last_accessed", epochSeconds(image.lastAccessed()));
            json.put("last_modified", epochSeconds(image.lastModified()));
            json.put("size", image.size());
            cached.add(json);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("cached_images", cached);
        document.put("queued_images", state.queued());
        return document;
    }

    private static Double epochSeconds(java.time.Instant instant) {
        return instant == null ? null : instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    @Command(name = "cache-queue", description = "Queue image(s) for caching.")
    int cacheQueue(@Parameters(paramLabel = "<IMAGE_ID>", arity = "1..*",
            description = "ID of image(s) to queue for caching.") List<String> ids) {
        ids.forEach(cache()::queue);
        return ExitCodes.OK;
    }

    @Command(name = "cache-delete", description = "Delete image from cache/caching queue.")
    int cacheDelete(@Parameters(paramLabel = "<IMAGE_ID>", arity = "1..*",
            description = "ID of image(s) to delete from cache/queue.") List<String> ids) {
        ids.forEach(cache()::delete);
        return ExitCodes.OK;
    }

    @Command(name = "cache-clear", description = "Clear all images from cache, queue or both.")
    int cacheClear(@Option(names = "--target", defaultValue = "both",
            description = "Which target to clear: both (default), cache or queue.") String target) {
        CacheClient.Target clear;
        try {
            clear = CacheClient.Target.valueOf(target.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--target must be both, cache or queue, not '" + target + "'");
        }
        cache().clear(clear);
        return ExitCodes.OK;
    }
}
