package io.glance.ports.out;

import io.glance.domain.ImageId;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link ImageCache#NONE}: holds nothing and accepts nothing. */
final class NoImageCache implements ImageCache {

    @Override
    public Optional<InputStream> open(ImageId id, long expectedSize, String expectedDigest, long offset,
                                      long length) {
        return Optional.empty();
    }

    @Override
    public Optional<Fill> startFill(ImageId id) {
        return Optional.empty();
    }

    @Override
    public void invalidate(ImageId id) {
    }

    @Override
    public boolean remove(ImageId id) {
        return false;
    }

    @Override
    public List<CachedImage> cached() {
        return List.of();
    }

    @Override
    public List<ImageId> queued() {
        return List.of();
    }

    @Override
    public boolean queue(ImageId id) {
        return false;
    }

    @Override
    public void dequeue(ImageId id) {
    }

    @Override
    public int clearCached() {
        return 0;
    }

    @Override
    public int clearQueue() {
        return 0;
    }

    @Override
    public int clean(Duration stallTime) {
        return 0;
    }
}
