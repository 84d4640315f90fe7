package io.glance.application;

import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.RequestContext;
import io.glance.domain.Visibility;
import io.glance.ports.out.PolicyCredentials;
import io.glance.ports.out.PolicyEnforcer;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * The policy checks of the image use cases, as Glance's {@code ImageAPIPolicy} and {@code MemberAPIPolicy} make
 * them: which rule guards which action, what the target holds, and how a refusal is answered. A refused action on an
 * image the caller may not even see ({@code get_image}) is a 404, like a missing image; on one it sees, a 403. The
 * ownership checks that Glance keeps beside the policy (only the owner or an admin changes an image) stay with the use
 * cases.
 */
final class ImagePolicy {
    private final PolicyEnforcer enforcer;

    ImagePolicy(PolicyEnforcer enforcer) {
        this.enforcer = requireNonNull(enforcer, "enforcer is null");
    }

    /** A rule that guards an action on an existing image, with the words for its refusal. */
    enum ImageRule {
        GET_IMAGE("get_image", "see"),
        MODIFY_IMAGE("modify_image", "modify"),
        DELETE_IMAGE("delete_image", "delete"),
        UPLOAD_IMAGE("upload_image", "upload data to"),
        DOWNLOAD_IMAGE("download_image", "download"),
        DEACTIVATE("deactivate", "deactivate"),
        REACTIVATE("reactivate", "reactivate"),
        PUBLICIZE_IMAGE("publicize_image", "make public"),
        COMMUNITIZE_IMAGE("communitize_image", "make community"),
        SET_IMAGE_LOCATION("set_image_location", "add a location to"),
        DELETE_IMAGE_LOCATION("delete_image_location", "remove a location of"),
        GET_IMAGE_LOCATION("get_image_location", "read the locations of"),
        ADD_MEMBER("add_member", "add members to"),
        GET_MEMBERS("get_members", "list the members of"),
        GET_MEMBER("get_member", "see a member of"),
        MODIFY_MEMBER("modify_member", "change a membership of"),
        DELETE_MEMBER("delete_member", "remove members of"),
        COPY_IMAGE("copy_image", "copy");

        final String rule;
        final String verb;

        ImageRule(String rule, String verb) {
            this.rule = rule;
            this.verb = verb;
        }
    }

    /**
     * A rule about no image in particular (Glance's {@code DiscoveryAPIPolicy} and its like), with an empty target.
     *
     * @param what the refused action, for the message ("see the stores' details")
     * @throws ForbiddenException when the rule refuses
     */
    void checkRule(RequestContext context, String rule, String what) {
        if (!allows(context, rule, Map.of())) {
            throw new ForbiddenException("You are not authorized to " + what + " (policy " + rule + ")");
        }
    }

    /** {@code get_images}: listing at all. */
    void checkList(RequestContext context) {
        Map<String, String> target = new HashMap<>();
        target.put("project_id", context.projectId());
        if (!allows(context, "get_images", target)) {
            throw new ForbiddenException("You are not authorized to list images (policy get_images)");
        }
    }

    /**
     * {@code add_image}, then {@code publicize_image} or {@code communitize_image} for those visibilities. The
     * target is the image to be: {@code project_id} and {@code owner} are its owner (the caller's project unless
     * another was asked for), {@code visibility} its visibility.
     */
    void checkCreate(RequestContext context, String owner, Visibility visibility) {
        Map<String, String> target = new HashMap<>();
        target.put("project_id", owner);
        target.put("owner", owner);
        target.put("visibility", visibility.wireName());
        if (!allows(context, "add_image", target)) {
            if (!Objects.equals(owner, context.projectId())) {
                throw new ForbiddenException("You are not permitted to create images owned by '" + owner + "'.");
            }
            throw new ForbiddenException("You are not authorized to create images (policy add_image)");
        }
        checkVisibility(context, visibility, target, "create " + visibility.wireName() + " images");
    }

    /**
     * The rule on an image the caller has already been allowed to see by the database's visibility rules.
     *
     * @throws io.glance.domain.NotFoundException when the rule refuses and {@code get_image} does too
     * @throws ForbiddenException                 when the rule refuses but the caller may see the image
     */
    void check(RequestContext context, Image image, ImageRule rule) {
        Map<String, String> target = target(context, image);
        if (allows(context, rule.rule, target)) {
            return;
        }
        if (rule == ImageRule.GET_IMAGE || !allows(context, ImageRule.GET_IMAGE.rule, target)) {
            throw ImageAccess.notFound(image.id());
        }
        throw refused(image, rule);
    }

    /** {@code publicize_image} / {@code communitize_image} for a change of visibility by PATCH. */
    void checkVisibilityChange(RequestContext context, Image image, Visibility visibility) {
        ImageRule rule = switch (visibility) {
            case PUBLIC -> ImageRule.PUBLICIZE_IMAGE;
            case COMMUNITY -> ImageRule.COMMUNITIZE_IMAGE;
            default -> null;
        };
        if (rule != null) {
            check(context, image, rule);
        }
    }

    /** Whether the rule allows the action on the image, without answering for it. */
    boolean allows(RequestContext context, Image image, ImageRule rule) {
        return allows(context, rule.rule, target(context, image));
    }

    private void checkVisibility(RequestContext context, Visibility visibility, Map<String, String> target,
                                 String what) {
        String rule = switch (visibility) {
            case PUBLIC -> "publicize_image";
            case COMMUNITY -> "communitize_image";
            default -> null;
        };
        if (rule != null && !allows(context, rule, target)) {
            throw new ForbiddenException("You are not authorized to " + what + " (policy " + rule + ")");
        }
    }

    private boolean allows(RequestContext context, String rule, Map<String, String> target) {
        return enforcer.allows(rule, PolicyCredentials.of(context), target);
    }

    private static ForbiddenException refused(Image image, ImageRule rule) {
        return new ForbiddenException("You are not authorized to " + rule.verb + " image " + image.id()
                + " (policy " + rule.rule + ")");
    }

    /**
     * Glance's {@code ImageTarget}: the image's attributes by their API names, its custom properties, and
     * {@code project_id} = owner; {@code member_id} is the caller's project when the image is shared and the caller is
     * not its owner (the database let it see the image as a member), else absent (Python's {@code None}).
     */
    static Map<String, String> target(RequestContext context, Image image) {
        Map<String, String> target = new HashMap<>(image.properties());
        target.put("id", image.id().value());
        target.put("image_id", image.id().value());
        target.put("name", image.name());
        target.put("status", image.status().wireName());
        target.put("visibility", image.visibility().wireName());
        target.put("owner", image.owner());
        target.put("project_id", image.owner());
        target.put("protected", python(image.isProtected()));
        target.put("os_hidden", python(image.osHidden()));
        target.put("disk_format", image.diskFormat());
        target.put("container_format", image.containerFormat());
        target.put("min_disk", Integer.toString(image.minDisk()));
        target.put("min_ram", Integer.toString(image.minRam()));
        target.put("size", image.size() == null ? null : image.size().toString());
        target.put("virtual_size", image.virtualSize() == null ? null : image.virtualSize().toString());
        boolean member = image.visibility() == Visibility.SHARED && context.projectId() != null
                && !context.projectId().equals(image.owner());
        target.put("member_id", member ? context.projectId() : null);
        target.put("member", member ? context.projectId() : null);
        return target;
    }

    private static String python(boolean value) {
        return value ? "True" : "False";
    }
}
