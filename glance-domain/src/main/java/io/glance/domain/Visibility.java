package io.glance.domain;

import java.util.Locale;

/** Who may see an image (Glance v2 §4). The default for new images is {@link #SHARED}. */
public enum Visibility {
    PUBLIC, PRIVATE, SHARED, COMMUNITY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Visibility fromWire(String value) {
        for (Visibility visibility : values()) {
            if (visibility.wireName().equals(value)) {
                return visibility;
            }
        }
        throw new InvalidInputException("Invalid visibility value: " + value);
    }
}
