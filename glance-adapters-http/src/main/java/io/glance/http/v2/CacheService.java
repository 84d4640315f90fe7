package io.glance.http.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.http.common.Json;
import io.glance.http.common.JsonResponses;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestContexts;
import io.glance.ports.in.ImageCacheManagement;
import io.glance.ports.in.ImageCacheManagement.CacheState;
import io.glance.ports.in.ImageCacheManagement.ClearTarget;
import io.glance.ports.out.ImageCache.CachedImage;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Instant;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The cache API of Glance v2.14-2.16 under /v2/cache: list (200), queue an image (202), delete one image's copy and
 * queue entry (204), clear the cache and/or the queue ({@code x-image-cache-clear-target}: {@code cache},
 * {@code queue}, or absent/empty for both; anything else is 400). Without an image cache every route answers 404
 * "Caching via API is not supported at this site.", as Glance does.
 */
final class CacheService implements HttpService {
    static final String CLEAR_TARGET = "x-image-cache-clear-target";

    private final ImageCacheManagement cache;

    CacheService(ImageCacheManagement cache) {
        this.cache = requireNonNull(cache, "cache is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::requireCache)
                .get("/", this::list)
                .delete("/", this::clear)
                .any("/", MethodNotAllowed.allowing("GET, DELETE"))
                .put("/{id}", this::queue)
                .delete("/{id}", this::delete)
                .any("/{id}", MethodNotAllowed.allowing("PUT, DELETE"));
    }

    private void requireCache(ServerRequest req, ServerResponse res) {
        if (!cache.enabled()) {
            throw new NotFoundException("Caching via API is not supported at this site.");
        }
        res.next();
    }

    private void list(ServerRequest req, ServerResponse res) {
        CacheState state = cache.list(RequestContexts.of(req));
        ObjectNode body = Json.object();
        ArrayNode cached = body.putArray("cached_images");
        for (CachedImage image : state.cached()) {
            ObjectNode json = cached.addObject();
            json.put("image_id", image.id().value());
            json.put("hits", image.hits());
            json.put("last_accessed", epochSeconds(image.lastAccessed()));
            json.put("last_modified", epochSeconds(image.lastModified()));
            json.put("size", image.size());
        }
        ArrayNode queued = body.putArray("queued_images");
        state.queued().forEach(id -> queued.add(id.value()));
        JsonResponses.send(res, Status.OK_200, body);
    }

    /** Glance's timestamps here are floats of epoch seconds (its cache database's REAL columns). */
    private static double epochSeconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    private void queue(ServerRequest req, ServerResponse res) {
        cache.queue(RequestContexts.of(req), PathParameters.imageId(req));
        res.status(Status.ACCEPTED_202).send();
    }

    private void delete(ServerRequest req, ServerResponse res) {
        cache.delete(RequestContexts.of(req), PathParameters.imageId(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void clear(ServerRequest req, ServerResponse res) {
        String target = req.headers().first(HeaderNames.create(CLEAR_TARGET)).orElse("").strip()
                .toLowerCase(Locale.ROOT);
        ClearTarget clear = switch (target) {
            case "" -> ClearTarget.BOTH;
            case "cache" -> ClearTarget.CACHE;
            case "queue" -> ClearTarget.QUEUE;
            default -> throw new InvalidInputException("If provided '" + CLEAR_TARGET + "' must be 'cache' or"
                    + " 'queue', not '" + target + "'");
        };
        cache.clear(RequestContexts.of(req), clear);
        res.status(Status.NO_CONTENT_204).send();
    }
}
