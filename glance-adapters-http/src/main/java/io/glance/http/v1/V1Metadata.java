package io.glance.http.v1;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a v1 request's x-image-meta headers say: base fields by v1 name (lower case, {@code -} as {@code _}) and
 * properties, each value {@code null} when the header was sent empty. A field that is absent was not sent.
 */
record V1Metadata(Map<String, String> fields, Map<String, String> properties) {

    V1Metadata {
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
