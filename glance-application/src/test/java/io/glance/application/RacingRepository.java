package io.glance.application;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.RequestContext;
import io.glance.ports.out.ImageQuery;
import io.glance.ports.out.ImageRepository;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The in-memory repository with one hook: a test can run another "request" right after the next {@link #findById},
 * which is how races between a use case's read and its conditional save are staged without timing luck.
 */
final class RacingRepository implements ImageRepository {
    private final ImageRepository delegate;
    private final AtomicReference<Runnable> afterNextFind = new AtomicReference<>();

    RacingRepository(ImageRepository delegate) {
        this.delegate = delegate;
    }

    void afterNextFind(Runnable interference) {
        afterNextFind.set(interference);
    }

    @Override
    public Optional<Image> findById(ImageId id) {
        Optional<Image> found = delegate.findById(id);
        Runnable interference = afterNextFind.getAndSet(null);
        if (interference != null) {
            interference.run();
        }
        return found;
    }

    @Override
    public void create(Image image) {
        delegate.create(image);
    }

    @Override
    public Image update(Image image, ImageStatus expectedStatus) {
        return delegate.update(image, expectedStatus);
    }

    @Override
    public Image updateIfUnchanged(Image read, Image changed) {
        return delegate.updateIfUnchanged(read, changed);
    }

    @Override
    public List<Image> list(ImageQuery query, RequestContext context) {
        return delegate.list(query, context);
    }
}
