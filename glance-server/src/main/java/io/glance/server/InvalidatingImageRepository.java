package io.glance.server;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.RequestContext;
import io.glance.ports.out.ImageDataInvalidation;
import io.glance.ports.out.ImageQuery;
import io.glance.ports.out.ImageRepository;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The image repository, telling {@link ImageDataInvalidation} once the database accepted that an image is deleted
 * or deactivated, whichever use case or API version made the change. The use cases stay unaware of it.
 */
final class InvalidatingImageRepository implements ImageRepository {
    private static final Set<ImageStatus> GONE = Set.of(ImageStatus.DELETED, ImageStatus.DEACTIVATED);

    private final ImageRepository delegate;
    private final ImageDataInvalidation invalidation;

    InvalidatingImageRepository(ImageRepository delegate, ImageDataInvalidation invalidation) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.invalidation = requireNonNull(invalidation, "invalidation is null");
    }

    @Override
    public Image update(Image image, ImageStatus expectedStatus) {
        return invalidated(delegate.update(image, expectedStatus), expectedStatus);
    }

    @Override
    public Image updateIfUnchanged(Image read, Image changed) {
        return invalidated(delegate.updateIfUnchanged(read, changed), read.status());
    }

    private Image invalidated(Image stored, ImageStatus previousStatus) {
        if (GONE.contains(stored.status()) && !GONE.contains(previousStatus)) {
            invalidation.dataGone(stored.id());
        }
        return stored;
    }

    @Override
    public void create(Image image) {
        delegate.create(image);
    }

    @Override
    public Optional<Image> findById(ImageId id) {
        return delegate.findById(id);
    }

    @Override
    public List<Image> list(ImageQuery query, RequestContext context) {
        return delegate.list(query, context);
    }
}
