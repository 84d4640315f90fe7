package io.glance.client;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The image cache API ({@code /v2/cache}, Images API v2.14) of one glance-api node: what it has cached and queued,
 * queueing an image, deleting one, clearing. Admin only by default; a node without a cache answers 404
 * ({@link NotFoundException}). The cache is per node, so point the client at the node itself, not at a load
 * balancer.
 */
public final class CacheClient {
    private static final String CACHE = "/v2/cache";

    private final Transport transport;

    CacheClient(Transport transport) {
        this.transport = requireNonNull(transport, "transport is null");
    }

    /** A complete copy on the node. */
    public record CachedImage(String imageId, long hits, Instant lastAccessed, Instant lastModified, long size) {
    }

    /** The node's copies and its queue, oldest first. */
    public record CacheState(List<CachedImage> cached, List<String> queued) {
    }

    /** What {@link #clear} clears. */
    public enum Target { BOTH, CACHE, QUEUE }

    public CacheState list() {
        Map<String, Object> answer = transport.json("GET", CACHE, null, null);
        List<CachedImage> cached = new ArrayList<>();
        if (answer.get("cached_images") instanceof List<?> images) {
            for (Object item : images) {
                if (item instanceof Map<?, ?> image) {
                    cached.add(new CachedImage(String.valueOf(image.get("image_id")), number(image.get("hits")),
                            time(image.get("last_accessed")), time(image.get("last_modified")),
                            number(image.get("size"))));
                }
            }
        }
        List<String> queued = new ArrayList<>();
        if (answer.get("queued_images") instanceof List<?> ids) {
            ids.forEach(id -> queued.add(String.valueOf(id)));
        }
        return new CacheState(List.copyOf(cached), List.copyOf(queued));
    }

    /** Queues an active image for the node's prefetcher (202). */
    public void queue(String imageId) {
        transport.json("PUT", CACHE + "/" + requireNonNull(imageId, "imageId is null"), null, null);
    }

    /** Drops the image's copy and queue entry. */
    public void delete(String imageId) {
        transport.json("DELETE", CACHE + "/" + requireNonNull(imageId, "imageId is null"), null, null);
    }

    /** Clears the copies, the queue or both (header {@code x-image-cache-clear-target}, absent for both). */
    public void clear(Target target) {
        HttpRequest.Builder request = transport.request(CACHE).method("DELETE", BodyPublishers.noBody());
        if (requireNonNull(target, "target is null") != Target.BOTH) {
            request.header("x-image-cache-clear-target", target.name().toLowerCase(Locale.ROOT));
        }
        transport.json("DELETE", CACHE, request.build());
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : 0;
    }

    /** Glance sends float epoch seconds. */
    private static Instant time(Object value) {
        if (!(value instanceof Number number)) {
            return null;
        }
        double seconds = number.doubleValue();
        long whole = (long) Math.floor(seconds);
        return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
    }
}
