package io.glance.application;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.MetadataLimits;
import io.glance.domain.RequestContext;
import io.glance.ports.out.ImageQuery;
import io.glance.ports.out.ImageRepository;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Holds every image write to {@link MetadataLimits} before it reaches the repository, whichever way in it came (API
 * v1 headers, v2 JSON, the Registry API), so a refused change writes nothing.
 */
public final class BoundedMetadataRepository implements ImageRepository {
    private final ImageRepository delegate;
    private final MetadataLimits limits;

    public BoundedMetadataRepository(ImageRepository delegate, MetadataLimits limits) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public void create(Image image) {
        limits.check(null, image);
        delegate.create(image);
    }

    @Override
    public Optional<Image> findById(ImageId id) {
        return delegate.findById(id);
    }

    /** Callers of this form did not say what they read, so the stored version is read to compare with. */
    @Override
    public Image update(Image image, ImageStatus expectedStatus) {
        limits.check(delegate.findById(image.id()).orElse(null), image);
        return delegate.update(image, expectedStatus);
    }

    @Override
    public Image updateIfUnchanged(Image read, Image changed) {
        limits.check(read, changed);
        return delegate.updateIfUnchanged(read, changed);
    }

    @Override
    public List<Image> list(ImageQuery query, RequestContext context) {
        return delegate.list(query, context);
    }
}
