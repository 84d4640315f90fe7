package io.glance.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/** An image identifier: a UUID in its canonical lower-case 8-4-4-4-12 form. */
public record ImageId(String value) {

    public ImageId {
        Objects.requireNonNull(value, "value is null");
        if (!isValid(value)) {
            throw new InvalidInputException("Invalid image id: " + value + " (must be a UUID)");
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    public static ImageId random() {
        return new ImageId(UUID.randomUUID().toString());
    }

    /** True when {@code value} is a UUID written with hyphens, as Glance stores ids. */
    public static boolean isValid(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
