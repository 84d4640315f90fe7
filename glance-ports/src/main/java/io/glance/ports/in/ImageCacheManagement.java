package io.glance.ports.in;

import io.glance.domain.ImageId;
import io.glance.domain.RequestContext;
import io.glance.ports.out.ImageCache.CachedImage;

import java.util.List;

/**
 * The cache API of Glance (v2.14 to v2.16, {@code /v2/cache}) over this node's image cache. Every action is guarded
 * by Zed's cache rules ({@code cache_list}, {@code cache_image}, {@code cache_delete}), admin only by default.
 */
public interface ImageCacheManagement {

    /** Whether this node has an image cache; without one the API answers 404 and versions 2.14/2.16 are not listed. */
    boolean enabled();

    /**
     * @throws io.glance.domain.ForbiddenException when {@code cache_list} refuses
     */
    CacheState list(RequestContext context);

    /**
     * Queues an active image to be fetched into the cache soon (in the background).
     *
     * @throws io.glance.domain.NotFoundException     when the image does not exist for the caller
     * @throws io.glance.domain.InvalidInputException when it is not active
     * @throws io.glance.domain.ForbiddenException    when {@code cache_image} refuses
     */
    void queue(RequestContext context, ImageId id);

    /**
     * Drops an image's copy and queue entry.
     *
     * @throws io.glance.domain.NotFoundException  when the image is neither known nor cached nor queued
     * @throws io.glance.domain.ForbiddenException when {@code cache_delete} refuses
     */
    void delete(RequestContext context, ImageId id);

    /**
     * Drops every copy, every queue entry, or both.
     *
     * @throws io.glance.domain.ForbiddenException when {@code cache_delete} refuses
     */
    void clear(RequestContext context, ClearTarget target);

    /** What {@code DELETE /v2/cache} clears ({@code x-image-cache-clear-target}). */
    enum ClearTarget { BOTH, CACHE, QUEUE }

    /** The complete copies and the queued images, oldest first. */
    record CacheState(List<CachedImage> cached, List<ImageId> queued) {
        public CacheState {
            cached = List.copyOf(cached);
            queued = List.copyOf(queued);
        }
    }

    /** For nodes without an image cache. */
    ImageCacheManagement DISABLED = new ImageCacheManagement() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public CacheState list(RequestContext context) {
            throw new IllegalStateException("no image cache");
        }

        @Override
        public void queue(RequestContext context, ImageId id) {
            throw new IllegalStateException("no image cache");
        }

        @Override
        public void delete(RequestContext context, ImageId id) {
            throw new IllegalStateException("no image cache");
        }

        @Override
        public void clear(RequestContext context, ClearTarget target) {
            throw new IllegalStateException("no image cache");
        }
    };
}
