package io.glance.application;

import io.glance.application.ImagePolicy.ImageRule;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.RequestContext;
import io.glance.ports.in.ImageActivation;
import io.glance.ports.out.ImageRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;

import static java.util.Objects.requireNonNull;

/** POST /v2/images/{id}/actions/deactivate and /reactivate: owner or admin, the domain's status rules. */
final class ImageActivationService implements ImageActivation {
    private final ImageRepository repository;
    private final ImageAccess access;
    private final Clock clock;

    ImageActivationService(ImageRepository repository, ImageAccess access, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void deactivate(RequestContext context, ImageId id) {
        change(context, id, ImageRule.DEACTIVATE, Image::deactivate);
    }

    @Override
    public void reactivate(RequestContext context, ImageId id) {
        change(context, id, ImageRule.REACTIVATE, Image::reactivate);
    }

    private void change(RequestContext context, ImageId id, ImageRule action,
                        BiFunction<Image, Instant, Image> rule) {
        // Already in the target status, the rule returns the same image: a no-op, nothing to save.
        OptimisticUpdate.apply(repository, () -> access.owned(context, id, action),
                image -> rule.apply(image, Timestamps.now(clock)));
    }
}
