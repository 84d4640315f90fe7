package io.glance.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An image as API v1 describes it (Glance v1 §2): the base fields as strings, exactly as the server sent them in
 * {@code x-image-meta-*} headers or JSON (null and {@code ""} both read as absent), and the custom properties.
 */
public record ImageV1(Map<String, String> fields, Map<String, String> properties) {

    public ImageV1 {
        requireNonNull(fields, "fields is null");
        requireNonNull(properties, "properties is null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public String id() {
        return field("id").orElseThrow(() -> new IllegalStateException("image without id: " + fields));
    }

    public Optional<String> name() {
        return field("name");
    }

    public String status() {
        return field("status").orElse("");
    }

    /** {@code is_public}: true only for a case-insensitive {@code true}, as the original client reads it. */
    public boolean isPublic() {
        return field("is_public").map(value -> value.equalsIgnoreCase("true")).orElse(false);
    }

    public long size() {
        return field("size").map(Long::parseLong).orElse(0L);
    }

    /** The lowercase hex md5 of the data, absent until data was uploaded (and for images registered by location). */
    public Optional<String> checksum() {
        return field("checksum");
    }

    public Optional<String> diskFormat() {
        return field("disk_format");
    }

    public Optional<String> containerFormat() {
        return field("container_format");
    }

    public Optional<String> location() {
        return field("location");
    }

    public Optional<String> owner() {
        return field("owner");
    }

    /** A base field by its v1 name ({@code min_ram}, {@code created_at}, ...), absent when null or empty. */
    public Optional<String> field(String name) {
        String value = fields.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
