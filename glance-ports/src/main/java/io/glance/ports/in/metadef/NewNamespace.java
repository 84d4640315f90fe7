package io.glance.ports.in.metadef;

import io.glance.domain.InvalidInputException;
import io.glance.domain.metadef.MetadefNames;
import io.glance.domain.metadef.MetadefNamespace;
import io.glance.domain.metadef.NamespaceContents;

import static java.util.Objects.requireNonNull;

/**
 * The body of a namespace POST (with its nested children) or PUT (whose children are ignored). Fields left null get
 * Glance's defaults: visibility private, not protected, owned by the caller's project.
 */
public record NewNamespace(String namespace, String displayName, String description, String visibility,
                           Boolean isProtected, String owner, NamespaceContents contents) {

    public NewNamespace {
        MetadefNames.check("namespace", namespace);
        if (visibility != null && !visibility.equals(MetadefNamespace.PUBLIC)
                && !visibility.equals(MetadefNamespace.PRIVATE)) {
            throw new InvalidInputException("Invalid visibility '" + visibility + "': must be public or private");
        }
        checkLength("display_name", displayName, 80);
        checkLength("description", description, 500);
        checkLength("owner", owner, 255);
        requireNonNull(contents, "contents is null");
    }

    private static void checkLength(String field, String value, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            throw new InvalidInputException("The " + field + " '" + value + "' is longer than " + max
                    + " characters");
        }
        MetadefNames.checkText(field, value);
    }
}
