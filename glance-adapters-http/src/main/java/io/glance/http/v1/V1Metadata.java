package io.glance.http.v1;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a v1 request's x-image-meta headers say: base fields by v1 name (lower case, {@code -} as {@code _}) and
 * properties, each value {@code null} when the header was sent empty. A field that is absent was not sent.
 */
record V1Metadata(Map<String, String> fields, Map<String, String> properties) {

    /** Glance's columns for v1's string fields hold 255 characters. */
    static final int MAX_FIELD_LENGTH = 255;
    /** Fields whose values are URLs, kept in text columns. */
    private static final java.util.Set<String> UNBOUNDED = java.util.Set.of("location", "copy_from");

    V1Metadata {
        fields.forEach((field, value) -> {
            if (value != null && value.length() > MAX_FIELD_LENGTH && !UNBOUNDED.contains(field)) {
                throw new io.glance.domain.InvalidInputException("x-image-meta-" + field + " is " + value.length()
                        + " characters long; at most " + MAX_FIELD_LENGTH + " are allowed");
            }
        });
        properties.keySet().forEach(key -> {
            if (key.length() > MAX_FIELD_LENGTH) {
                throw new io.glance.domain.InvalidInputException("x-image-meta-property-" + key.substring(0, 40)
                        + "... is a property name of " + key.length() + " characters; at most " + MAX_FIELD_LENGTH
                        + " are allowed");
            }
        });
        // Copies that keep nulls (an empty header means "set to null"), which Map.copyOf refuses.
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    boolean has(String field) {
        return fields.containsKey(field);
    }

    /** The value, or {@code null} when absent or empty. */
    String get(String field) {
        return fields.get(field);
    }
}
