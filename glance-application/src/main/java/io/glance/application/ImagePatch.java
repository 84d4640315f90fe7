package io.glance.application;

import io.glance.domain.ConflictException;
import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.ImageStatus;
import io.glance.domain.RequestContext;
import io.glance.domain.Visibility;
import io.glance.ports.in.PatchOperation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies JSON-patch operations to an image in order (Glance v2 §3), as Glance's {@code _do_add}, {@code _do_replace}
 * and {@code _do_remove} do:
 * <ul>
 *     <li>v2.1 {@code add} is an upsert on base attributes and properties; v2.0 ({@code strictAdd}) {@code add} of a
 *     base attribute or an existing property is a 409;</li>
 *     <li>{@code replace} and {@code remove} of an absent property are a 409; {@code remove} of a base attribute is
 *     a 403;</li>
 *     <li>read-only and reserved attributes and {@code /locations} (with {@code show_multiple_locations} off) are a
 *     403, as are public visibility and owner changes by non-admins and format changes after the upload began.</li>
 * </ul>
 * The result is validated by the domain when built, once, after the last operation.
 */
final class ImagePatch {
    private static final Set<ImageStatus> FORMATS_CHANGEABLE = Set.of(ImageStatus.QUEUED, ImageStatus.IMPORTING);

    private final RequestContext context;
    private final Image original;
    private final ImagePolicy policy;
    private final Quotas quotas;
    private final PropertyAccess propertyAccess;
    private final Image.Builder image;
    private final Map<String, String> properties;
    private Set<String> tags;

    ImagePatch(RequestContext context, Image original, ImagePolicy policy, Quotas quotas,
               PropertyAccess propertyAccess) {
        this.context = Objects.requireNonNull(context, "context is null");
        this.original = Objects.requireNonNull(original, "original is null");
        this.policy = Objects.requireNonNull(policy, "policy is null");
        this.quotas = Objects.requireNonNull(quotas, "quotas is null");
        this.propertyAccess = Objects.requireNonNull(propertyAccess, "propertyAccess is null");
        this.image = original.toBuilder();
        this.properties = new LinkedHashMap<>(original.properties());
        this.tags = new LinkedHashSet<>(original.tags());
    }

    /** Applies the operations in order and returns the changed image, stamped {@code now}. */
    Image apply(List<PatchOperation> operations, Instant now) {
        for (PatchOperation operation : operations) {
            apply(operation);
        }
        quotas.checkProperties(original.properties().keySet(), properties.keySet());
        quotas.checkTags(original.tags().size(), tags.size());
        return image.properties(properties).tags(tags).updatedAt(now).build();
    }

    private void apply(PatchOperation operation) {
        String path = operation.path();
        if (path.equals("locations") || path.startsWith("locations/")) {
            throw new ForbiddenException("It's not allowed to " + verb(operation.op())
                    + " locations if locations are invisible.");
        }
        AttributeRules.requireWritable(path, true);
        boolean base = AttributeRules.WRITABLE_BASE.contains(path);
        switch (operation.op()) {
            case ADD -> {
                if (operation.strictAdd() && (base || visible(path))) {
                    throw new ConflictException("Property " + path + " already present.");
                }
                set(path, operation.value(), base);
            }
            case REPLACE -> {
                if (!base && !visible(path)) {
                    throw new ConflictException("Property " + path + " does not exist.");
                }
                set(path, operation.value(), base);
            }
            case REMOVE -> {
                if (base) {
                    throw new ForbiddenException("Property " + path + " may not be removed.");
                }
                if (!visible(path)) {
                    throw new ConflictException("Property " + path + " does not exist.");
                }
                propertyAccess.checkDelete(context, path);
                properties.remove(path);
            }
        }
    }

    /**
     * Whether the image has the property as far as the caller knows: a property the protections hide from it is
     * absent to it (and kept untouched unless it sets the key itself).
     */
    private boolean visible(String path) {
        return properties.containsKey(path) && propertyAccess.canRead(context, path);
    }

    private void set(String path, Object value, boolean base) {
        if (!base) {
            AttributeRules.checkPropertyKey(path);
            propertyAccess.checkSet(context, path, visible(path));
            properties.put(path, PatchValues.string(path, value));
            return;
        }
        switch (path) {
            case "name" -> image.name(PatchValues.nullableString(path, value));
            case "visibility" -> image.visibility(visibility(value));
            case "protected" -> image.isProtected(PatchValues.bool(path, value));
            case "os_hidden" -> image.osHidden(PatchValues.bool(path, value));
            case "min_disk" -> image.minDisk(PatchValues.nonNegativeInt(path, value));
            case "min_ram" -> image.minRam(PatchValues.nonNegativeInt(path, value));
            case "disk_format" -> image.diskFormat(format(path, value));
            case "container_format" -> image.containerFormat(format(path, value));
            case "owner" -> image.owner(owner(value));
            case "tags" -> tags = new LinkedHashSet<>(PatchValues.tags(value));
            default -> throw new IllegalStateException("Unhandled base attribute " + path);
        }
    }

    private Visibility visibility(Object value) {
        Visibility visibility = PatchValues.visibility(value);
        policy.checkVisibilityChange(context, original, visibility);
        return visibility;
    }

    /** Glance refuses format changes once data is on its way, even to the same value. */
    private String format(String path, Object value) {
        if (!FORMATS_CHANGEABLE.contains(original.status())) {
            throw new ForbiddenException("Attribute " + path + " can be only replaced for a queued image (image "
                    + original.id() + " is " + original.status().wireName() + ").");
        }
        return PatchValues.nullableString(path, value);
    }

    /**
     * Only admins move an image to another owner. Setting the current owner again changes nothing and is allowed,
     * because clients such as OSC resend every attribute they were given.
     */
    private String owner(Object value) {
        String owner = PatchValues.nullableString("owner", value);
        if (!context.admin() && !Objects.equals(owner, original.owner())) {
            throw new ForbiddenException("Owner of image " + original.id() + " can only be changed by an admin,"
                    + " not to '" + owner + "'");
        }
        return owner;
    }

    private static String verb(PatchOperation.Op op) {
        return switch (op) {
            case ADD -> "add";
            case REPLACE -> "update";
            case REMOVE -> "remove";
        };
    }
}
