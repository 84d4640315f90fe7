package io.glance.domain.metadef;

import io.glance.domain.InvalidInputException;

/**
 * The rules every catalog name follows (namespace, object, property, tag and resource-type names): 1 to 80
 * characters (the columns' width), no '/' (such a name could never be addressed in a URL path; Glance stores it and
 * then cannot find it), and no characters outside the Basic Multilingual Plane (Glance refuses them everywhere).
 */
public final class MetadefNames {
    public static final int MAX_LENGTH = 80;

    private MetadefNames() {
    }

    /** @throws InvalidInputException naming the kind of name and the value */
    public static void check(String kind, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException("A " + kind + " name is required and may not be empty");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw new InvalidInputException("The " + kind + " name '" + name + "' is longer than " + MAX_LENGTH
                    + " characters");
        }
        if (name.indexOf('/') >= 0) {
            throw new InvalidInputException("The " + kind + " name '" + name
                    + "' contains '/', which cannot be used in a URL path");
        }
        checkText(kind + " name", name);
    }

    /** Glance's {@code no_4byte_params}: refuses characters that take 4 bytes in UTF-8 (e.g. emoji). */
    public static void checkText(String what, String text) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                throw new InvalidInputException("The " + what + " '" + text
                        + "' contains a 4-byte UTF-8 character, which is not supported");
            }
        }
    }
}
