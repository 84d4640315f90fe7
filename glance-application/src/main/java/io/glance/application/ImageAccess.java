package io.glance.application;

import io.glance.application.ImagePolicy.ImageRule;
import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageMember;
import io.glance.domain.MemberStatus;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.Visibility;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.MemberRepository;

import static java.util.Objects.requireNonNull;

/**
 * Loads images on behalf of a caller. An image the caller may not see is reported exactly like a missing one (404,
 * never 403), so that ids of private images do not leak; only an image the caller can see but not change is a 403.
 */
final class ImageAccess {
    private final ImageRepository repository;
    private final MemberRepository members;
    private final ImagePolicy policy;
    private final PropertyAccess properties;

    ImageAccess(ImageRepository repository, MemberRepository members, ImagePolicy policy, PropertyAccess properties) {
        this.repository = requireNonNull(repository, "repository is null");
        this.members = requireNonNull(members, "members is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.properties = requireNonNull(properties, "properties is null");
    }

    /**
     * An image the caller may see: by the database's visibility rules and by the policy's {@code get_image}.
     *
     * @throws NotFoundException when the image does not exist, is deleted or is not visible to the caller
     */
    Image visible(RequestContext context, ImageId id) {
        requireNonNull(context, "context is null");
        requireNonNull(id, "id is null");
        Image image = repository.findById(id).orElseThrow(() -> notFound(id));
        if (!image.isVisibleTo(context, membership(context, image))) {
            throw notFound(id);
        }
        policy.check(context, image, ImageRule.GET_IMAGE);
        return image;
    }

    /**
     * A visible image on which the policy allows the action.
     *
     * @throws NotFoundException  when the image is not visible, or the rule refuses and {@code get_image} would too
     * @throws ForbiddenException when the caller sees the image but the rule refuses
     */
    Image allowed(RequestContext context, ImageId id, ImageRule rule) {
        Image image = visible(context, id);
        policy.check(context, image, rule);
        return image;
    }

    /**
     * A visible image on which the policy allows the action and that the caller owns (or any, for admins): Glance's
     * {@code check_is_image_mutable} beside the policy.
     *
     * @throws ForbiddenException when the caller sees the image but the rule refuses or it does not own it
     */
    Image owned(RequestContext context, ImageId id, ImageRule rule) {
        Image image = allowed(context, id, rule);
        if (!context.owns(image.owner())) {
            throw new ForbiddenException("You are not permitted to " + rule.verb + " image " + id
                    + ": it is owned by another project");
        }
        return image;
    }

    ImagePolicy policy() {
        return policy;
    }

    /** The property protections; every image a use case returns goes through {@link PropertyAccess#view}. */
    PropertyAccess properties() {
        return properties;
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
        return members.findMember(image.id(), context.projectId()).map(ImageMember::status).orElse(null);
    }
}
