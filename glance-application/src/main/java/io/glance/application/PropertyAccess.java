package io.glance.application;

import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.RequestContext;
import io.glance.ports.out.PropertyProtection;
import io.glance.ports.out.PropertyProtection.Operation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Property protections at the use cases (Glance's {@code ProtectedImageProxy}): a caller sees only the custom
 * properties it may read, in every image it is given, and creating, changing or removing a property it may not is a
 * 403. Properties it cannot read are kept as they are when it changes others.
 */
final class PropertyAccess {
    private final PropertyProtection protection;

    PropertyAccess(PropertyProtection protection) {
        this.protection = requireNonNull(protection, "protection is null");
    }

    /** The image as the caller may see it: without the properties it may not read. */
    Image view(RequestContext context, Image image) {
        if (protection == PropertyProtection.NONE || image.properties().isEmpty()) {
            return image;
        }
        Map<String, String> readable = new LinkedHashMap<>();
        image.properties().forEach((key, value) -> {
            if (canRead(context, key)) {
                readable.put(key, value);
            }
        });
        return readable.size() == image.properties().size() ? image
                : image.toBuilder().properties(readable).build();
    }

    List<Image> view(RequestContext context, List<Image> images) {
        return images.stream().map(image -> view(context, image)).toList();
    }

    boolean canRead(RequestContext context, String key) {
        return protection.allows(context, key, Operation.READ);
    }

    /**
     * Setting {@code key}: an update of a property the caller can see, else a creation.
     *
     * @throws ForbiddenException when the protections refuse it
     */
    void checkSet(RequestContext context, String key, boolean visibleToCaller) {
        check(context, key, visibleToCaller ? Operation.UPDATE : Operation.CREATE);
    }

    void checkCreate(RequestContext context, String key) {
        check(context, key, Operation.CREATE);
    }

    void checkDelete(RequestContext context, String key) {
        check(context, key, Operation.DELETE);
    }

    private void check(RequestContext context, String key, Operation operation) {
        if (!protection.allows(context, key, operation)) {
            throw new ForbiddenException("Attribute '" + key + "' is reserved.");
        }
    }
}
