package io.glance.client;

import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * API v1 carries image metadata in headers (Glance v1 §3.1): {@code x-image-meta-<field>} for base fields and
 * {@code x-image-meta-property-<name>} for properties, in both directions. JSON answers (POST, PUT, lists) carry the
 * same fields in an object with a nested {@code properties}.
 */
final class HeadersV1 {
    static final String PREFIX = "x-image-meta-";
    static final String PROPERTY_PREFIX = PREFIX + "property-";

    private HeadersV1() {
    }

    /** The request headers for {@code meta}, alternating name and value as HttpRequest.Builder#headers takes them. */
    static String[] toHeaders(ImageMetaV1 meta) {
        List<String> headers = new java.util.ArrayList<>();
        meta.fields().forEach((name, value) -> {
            headers.add(PREFIX + name);
            headers.add(checked(name, value));
        });
        meta.properties().forEach((name, value) -> {
            headers.add(PROPERTY_PREFIX + name);
            headers.add(checked(name, value));
        });
        return headers.toArray(String[]::new);
    }

    /** The image HEAD and GET describe in their headers. */
    static ImageV1 fromHeaders(HttpHeaders headers) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> properties = new LinkedHashMap<>();
        headers.map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            String value = values.isEmpty() ? "" : values.get(0);
            if (lower.startsWith(PROPERTY_PREFIX)) {
                properties.put(lower.substring(PROPERTY_PREFIX.length()), value);
            } else if (lower.startsWith(PREFIX)) {
                fields.put(lower.substring(PREFIX.length()), value);
            }
        });
        return new ImageV1(fields, properties);
    }

    /** An image object of a JSON answer: every field but {@code properties} as text, JSON null kept as null. */
    static ImageV1 fromJson(Map<String, Object> json) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> properties = new LinkedHashMap<>();
        json.forEach((name, value) -> {
            if (name.equals("properties") && value instanceof Map<?, ?> map) {
                map.forEach((key, property) -> properties.put(String.valueOf(key),
                        property == null ? null : String.valueOf(property)));
            } else {
                fields.put(name, value == null ? null : String.valueOf(value));
            }
        });
        return new ImageV1(fields, properties);
    }

    /** Header values cannot hold line breaks; refusing them here names the field instead of a vague client error. */
    private static String checked(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("value of " + name + " holds a line break or NUL: cannot be sent"
                        + " as an x-image-meta header");
            }
        }
        return value;
    }
}
