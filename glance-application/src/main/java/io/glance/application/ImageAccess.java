package io.glance.application;

import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageMember;
import io.glance.domain.MemberStatus;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.Visibility;
import io.glance.ports.out.ImageRepository;

import static java.util.Objects.requireNonNull;

/**
 * Loads images on behalf of a caller. An image the caller may not see is reported exactly like a missing one (404,
 * never 403), so that ids of private images do not leak; only an image the caller can see but not change is a 403.
 */
final class ImageAccess {
    private final ImageRepository repository;

    ImageAccess(ImageRepository repository) {
        this.repository = requireNonNull(repository, "repository is null");
    }

    /** @throws NotFoundException when the image does not exist, is deleted or is not visible to the caller */
    Image visible(RequestContext context, ImageId id) {
        requireNonNull(context, "context is null");
        requireNonNull(id, "id is null");
        Image image = repository.findById(id).orElseThrow(() -> notFound(id));
        if (!image.isVisibleTo(context, membership(context, image))) {
            throw notFound(id);
        }
        return image;
    }

    /**
     * A visible image the caller owns (or any, for admins).
     *
     * @param action what the caller wants to do, for the message ("modify", "upload data to")
     * @throws ForbiddenException when the caller sees the image but does not own it
     */
    Image owned(RequestContext context, ImageId id, String action) {
        Image image = visible(context, id);
        if (!context.owns(image.owner())) {
            throw new ForbiddenException("You are not permitted to " + action + " image " + id
                    + ": it is owned by another project");
        }
        return image;
    }

    static NotFoundException notFound(ImageId id) {
        return new NotFoundException("No image found with ID " + id);
    }

    /** The caller's member status for a shared image, looked up only when it can matter. */
    private MemberStatus membership(RequestContext context, Image image) {
        if (context.admin() || context.projectId() == null || image.visibility() != Visibility.SHARED
                || context.projectId().equals(image.owner())) {
            return null;
        }
        return repository.findMember(image.id(), context.projectId()).map(ImageMember::status).orElse(null);
    }
}
