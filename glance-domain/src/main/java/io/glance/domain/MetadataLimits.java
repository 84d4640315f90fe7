package io.glance.domain;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Bounds on what an image's metadata may hold, so that one client cannot fill the database, and so that every image
 * can still be shown through API v1, whose metadata travels in HTTP headers.
 *
 * <ul>
 *   <li>A custom property's value holds at most {@code maxValueBytes} bytes of UTF-8 (Glance's column is a MySQL
 *       {@code TEXT}: 65,535 bytes); longer is 400.</li>
 *   <li>An image's custom properties (keys and values, UTF-8) hold at most {@code maxTotalBytes} bytes together;
 *       more is 413, like Glance's other per-image quotas.</li>
 *   <li>Nothing a v1 header cannot carry: no control character (CR, LF, NUL, ...; a tab is allowed) in the name or
 *       a property value, and no control character or space in a property key. A {@code :} in a key is allowed, as
 *       in Glance (Nova's {@code trait:CUSTOM_X} properties): API v1 escapes it in header names as {@code %3A}.</li>
 * </ul>
 * Only what a change adds or alters is checked, so an image written before a limit was lowered can still be read,
 * shrunk and deleted.
 *
 * @param maxValueBytes most UTF-8 bytes in one property value
 * @param maxTotalBytes most UTF-8 bytes in all of one image's property keys and values together
 */
public record MetadataLimits(int maxValueBytes, long maxTotalBytes) {
    /** Glance's {@code image_properties.value} is a MySQL {@code TEXT}, which holds 65,535 bytes. */
    public static final int DEFAULT_MAX_VALUE_BYTES = 65_535;
    /** Four values of the largest size: generous for real images, yet 100,000 images cannot exceed ~26 GB. */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 262_144;
    /** How much of a refused value a message shows. */
    private static final int SHOWN = 40;

    public MetadataLimits {
        if (maxValueBytes < 1) {
            throw new IllegalArgumentException("maxValueBytes must be at least 1: " + maxValueBytes);
        }
        if (maxTotalBytes < 1) {
            throw new IllegalArgumentException("maxTotalBytes must be at least 1: " + maxTotalBytes);
        }
    }

    public static MetadataLimits defaults() {
        return new MetadataLimits(DEFAULT_MAX_VALUE_BYTES, DEFAULT_MAX_TOTAL_BYTES);
    }

    /**
     * Checks what {@code after} adds to or changes in {@code before}.
     *
     * @param before the stored version, or {@code null} for a new image
     * @throws InvalidInputException  (400) naming the key or value that cannot be stored
     * @throws LimitExceededException (413) when the properties grew past {@code maxTotalBytes}
     */
    public void check(Image before, Image after) {
        Objects.requireNonNull(after, "after is null");
        if (after.name() != null && (before == null || !after.name().equals(before.name()))) {
            requireHeaderValue("name", after.name());
        }
        Map<String, String> old = before == null ? Map.of() : before.properties();
        for (Map.Entry<String, String> property : after.properties().entrySet()) {
            String key = property.getKey();
            String value = property.getValue();
            if (!old.containsKey(key)) {
                requireHeaderName(key);
            }
            if (!value.equals(old.get(key))) {
                requireHeaderValue("property '" + shown(key) + "'", value);
                int bytes = utf8Length(value);
                if (bytes > maxValueBytes) {
                    throw new InvalidInputException("The value of property '" + shown(key) + "' ('" + shown(value)
                            + "') is " + bytes + " bytes long; at most " + maxValueBytes + " bytes are allowed");
                }
            }
        }
        long total = totalBytes(after.properties());
        if (total > maxTotalBytes && total > totalBytes(old)) {
            throw new LimitExceededException("The properties of image " + after.id() + " would hold " + total
                    + " bytes; at most " + maxTotalBytes + " bytes of property keys and values are allowed per image");
        }
    }

    /** The UTF-8 bytes of every key and value. */
    public static long totalBytes(Map<String, String> properties) {
        long total = 0;
        for (Map.Entry<String, String> property : properties.entrySet()) {
            total += utf8Length(property.getKey()) + utf8Length(property.getValue());
        }
        return total;
    }

    private static void requireHeaderName(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (isControl(c) || c == ' ') {
                throw new InvalidInputException("Property name '" + shown(key) + "' holds " + describe(c)
                        + " at position " + i + "; property names may not contain spaces or control characters"
                        + " (API v1 sends them as header names)");
            }
        }
    }

    private static void requireHeaderValue(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isControl(c) && c != '\t') {
                throw new InvalidInputException("The " + what + " ('" + shown(value) + "') holds " + describe(c)
                        + " at position " + i + "; control characters such as CR, LF and NUL are not allowed (API v1"
                        + " sends it as a header)");
            }
        }
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f;
    }

    private static String describe(char c) {
        return switch (c) {
            case '\r' -> "a CR";
            case '\n' -> "an LF";
            case '\0' -> "a NUL";
            case ' ' -> "a space";
            default -> String.format("the control character U+%04X", (int) c);
        };
    }

    /** At most {@value #SHOWN} characters, control characters escaped, so that a message stays one short line. */
    private static String shown(String value) {
        String cut = value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "...";
        StringBuilder out = new StringBuilder(cut.length());
        for (char c : cut.toCharArray()) {
            if (isControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static int utf8Length(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return text.length();
    }
}
