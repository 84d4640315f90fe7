package io.glance.application;

import io.glance.application.ImagePolicy.ImageRule;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.ports.in.ImageTags;
import io.glance.ports.out.ImageRepository;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** PUT and DELETE /v2/images/{id}/tags/{tag}: owner or admin; at most 255 characters and 128 tags. */
final class ImageTagService implements ImageTags {
    private final ImageRepository repository;
    private final ImageAccess access;
    private final Clock clock;
    private final Quotas quotas;

    ImageTagService(ImageRepository repository, ImageAccess access, Clock clock, Quotas quotas) {
        this.repository = requireNonNull(repository, "repository is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    @Override
    public void addTag(RequestContext context, ImageId id, String tag) {
        AttributeRules.checkTag(tag);
        OptimisticUpdate.apply(repository, () -> access.owned(context, id, ImageRule.MODIFY_IMAGE), image -> {
            if (image.tags().contains(tag)) {
                return image;
            }
            Set<String> tags = new LinkedHashSet<>(image.tags());
            tags.add(tag);
            quotas.checkTags(image.tags().size(), tags.size());
            return withTags(image, tags);
        });
    }

    @Override
    public void removeTag(RequestContext context, ImageId id, String tag) {
        requireNonNull(tag, "tag is null");
        OptimisticUpdate.apply(repository, () -> access.owned(context, id, ImageRule.MODIFY_IMAGE), image -> {
            if (!image.tags().contains(tag)) {
                throw new NotFoundException("Tag '" + tag + "' not found on image " + id);
            }
            Set<String> tags = new LinkedHashSet<>(image.tags());
            tags.remove(tag);
            return withTags(image, tags);
        });
    }

    private Image withTags(Image image, Set<String> tags) {
        return image.toBuilder().tags(tags).updatedAt(Timestamps.now(clock)).build();
    }
}
