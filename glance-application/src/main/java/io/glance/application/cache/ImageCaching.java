package io.glance.application.cache;

import io.glance.domain.Image;
import io.glance.domain.ImageStatus;
import io.glance.ports.in.ImageDownload;
import io.glance.ports.in.RangeRequest;
import io.glance.ports.out.ImageCache;

import java.io.InputStream;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How downloads use this node's image cache: a hit is served from the local copy (whole or any range, which Glance
 * never does); a whole download from a store is copied into the cache as it streams, and the copy counts only once
 * its digest matched the image's. Only active images with a size and a digest are cached.
 */
public final class ImageCaching {
    private final ImageCache cache;

    public ImageCaching(ImageCache cache) {
        this.cache = requireNonNull(cache, "cache is null");
    }

    /** The download served from this node's copy, if it has a valid one. */
    public Optional<ImageDownload> fromCache(Image image, RangeRequest range) {
        if (!cacheable(image)) {
            return Optional.empty();
        }
        ImageDigest digest = ImageDigest.of(image).orElseThrow();
        long size = image.size();
        long offset = 0;
        long length = size;
        if (range != null) {
            long[] resolved = range.resolve(size);
            offset = resolved[0];
            length = resolved[1];
        }
        Optional<InputStream> copy = cache.open(image.id(), size, digest.text(), offset, length);
        if (copy.isEmpty()) {
            return Optional.empty();
        }
        InputStream data = range == null
                ? new VerifiedCachedStream(copy.get(), image.id(), size, digest, cache) : copy.get();
        return Optional.of(new ImageDownload(image, data, offset, length, size, range != null));
    }

    /**
     * The download from a store, copying into the cache on the way when it is the whole data of a cacheable image
     * that is neither cached nor being cached.
     */
    public ImageDownload filling(ImageDownload fromStore) {
        Image image = fromStore.image();
        if (fromStore.ranged() || !cacheable(image) || fromStore.offset() != 0
                || fromStore.length() != image.size()) {
            return fromStore;
        }
        return cache.startFill(image.id())
                .map(fill -> new ImageDownload(image, new CacheFillingStream(fromStore.data(), image.id(),
                        image.size(), ImageDigest.of(image).orElseThrow(), fill), 0, fromStore.length(),
                        fromStore.total(), false))
                .orElse(fromStore);
    }

    static boolean cacheable(Image image) {
        return image.status() == ImageStatus.ACTIVE && image.size() != null && image.size() > 0
                && ImageDigest.of(image).isPresent();
    }
}
