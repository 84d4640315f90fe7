package io.glance.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What a caller sends with an API v1 POST or PUT: base fields and custom properties, turned into
 * {@code x-image-meta-<field>} and {@code x-image-meta-property-<name>} headers. Immutable; each {@code with...}
 * returns a copy.
 */
public final class ImageMetaV1 {
    private final Map<String, String> fields;
    private final Map<String, String> properties;

    private ImageMetaV1(Map<String, String> fields, Map<String, String> properties) {
        this.fields = Collections.unmodifiableMap(fields);
        this.properties = Collections.unmodifiableMap(properties);
    }

    public static ImageMetaV1 empty() {
        return new ImageMetaV1(new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    public ImageMetaV1 name(String name) {
        return field("name", name);
    }

    public ImageMetaV1 diskFormat(String format) {
        return field("disk_format", format);
    }

    public ImageMetaV1 containerFormat(String format) {
        return field("container_format", format);
    }

    public ImageMetaV1 isPublic(boolean isPublic) {
        return field("is_public", isPublic ? "True" : "False");
    }

    /** The md5 the server must find in the uploaded data, or it kills the image and answers 400. */
    public ImageMetaV1 checksum(String md5Hex) {
        return field("checksum", md5Hex);
    }

    /** Registers data that already lives at this URL instead of uploading it. */
    public ImageMetaV1 location(String url) {
        return field("location", url);
    }

    /** The store to upload into ({@code x-image-meta-store}). */
    public ImageMetaV1 store(String storeId) {
        return field("store", storeId);
    }

    public ImageMetaV1 size(long size) {
        return field("size", Long.toString(size));
    }

    /**
     * Any base field by its v1 name ({@code id}, {@code min_ram}, {@code status}, ...). Names are lowercased with
     * {@code -} read as {@code _}, as the server reads them.
     */
    public ImageMetaV1 field(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(fields);
        copy.put(normalize(name), requireNonNull(value, "value of " + name + " is null"));
        return new ImageMetaV1(copy, new LinkedHashMap<>(properties));
    }

    /** A custom property; the server stores its name lowercased. */
    public ImageMetaV1 property(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(properties);
        copy.put(normalize(name), requireNonNull(value, "value of property " + name + " is null"));
        return new ImageMetaV1(new LinkedHashMap<>(fields), copy);
    }

    public Map<String, String> fields() {
        return fields;
    }

    public Map<String, String> properties() {
        return properties;
    }

    private static String normalize(String name) {
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("field name is blank");
        }
        return name.toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
