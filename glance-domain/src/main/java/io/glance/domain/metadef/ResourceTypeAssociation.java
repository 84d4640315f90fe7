package io.glance.domain.metadef;

import io.glance.domain.InvalidInputException;

import java.time.Instant;

/**
 * Links a namespace to a resource type: the namespace's properties apply to that kind of resource, named with
 * {@code prefix} in front (e.g. {@code hw_}) and, for resources with several property maps, in
 * {@code propertiesTarget} (e.g. {@code metadata}).
 *
 * @param name the resource type's name
 */
public record ResourceTypeAssociation(String name, String prefix, String propertiesTarget, Instant createdAt,
                                      Instant updatedAt) {

    public ResourceTypeAssociation {
        MetadefNames.check("resource type", name);
        checkOptional("prefix", prefix);
        checkOptional("properties_target", propertiesTarget);
    }

    public static ResourceTypeAssociation of(String name, String prefix, String propertiesTarget) {
        return new ResourceTypeAssociation(name, prefix, propertiesTarget, null, null);
    }

    private static void checkOptional(String what, String value) {
        if (value != null && value.codePointCount(0, value.length()) > MetadefNames.MAX_LENGTH) {
            throw new InvalidInputException("The " + what + " '" + value + "' is longer than "
                    + MetadefNames.MAX_LENGTH + " characters");
        }
        MetadefNames.checkText(what, value);
    }
}
