package io.glance.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * An image as the server returned it: every attribute, base and extra, exactly as in the JSON (strings, numbers,
 * booleans, lists, null), with typed accessors for the base ones.
 */
public record Image(Map<String, Object> attributes) {
    /** The attributes of the v2 image schema; everything else is an extra (custom) property. */
    public static final Set<String> BASE_KEYS = Set.of("id", "name", "status", "visibility", "protected",
            "os_hidden", "checksum", "os_hash_algo", "os_hash_value", "owner", "size", "virtual_size",
            "container_format", "disk_format", "min_disk", "min_ram", "created_at", "updated_at", "tags", "self",
            "file", "schema", "direct_url", "locations", "stores");

    public Image {
        requireNonNull(attributes, "attributes is null");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public String id() {
        return string("id").orElseThrow(() -> new IllegalStateException("image without id: " + attributes));
    }

    public Optional<String> name() {
        return string("name");
    }

    public String status() {
        return string("status").orElse("");
    }

    public String visibility() {
        return string("visibility").orElse("");
    }

    public boolean isPublic() {
        return "public".equals(visibility());
    }

    public boolean isProtected() {
        return Boolean.TRUE.equals(attributes.get("protected"));
    }

    public Optional<String> diskFormat() {
        return string("disk_format");
    }

    public Optional<String> containerFormat() {
        return string("container_format");
    }

    /** The size in bytes; empty until data was uploaded. */
    public Optional<Long> size() {
        return number("size");
    }

    public long minDisk() {
        return number("min_disk").orElse(0L);
    }

    public long minRam() {
        return number("min_ram").orElse(0L);
    }

    public Optional<String> owner() {
        return string("owner");
    }

    /** The md5 of the data, lowercase hex. */
    public Optional<String> checksum() {
        return string("checksum");
    }

    /** The multihash algorithm as hashlib names it ({@code sha512}). */
    public Optional<String> osHashAlgo() {
        return string("os_hash_algo");
    }

    public Optional<String> osHashValue() {
        return string("os_hash_value");
    }

    public List<String> tags() {
        Object tags = attributes.get("tags");
        if (!(tags instanceof List<?> list)) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        list.forEach(tag -> result.add(String.valueOf(tag)));
        return List.copyOf(result);
    }

    /** The extra (custom) properties: every attribute not in {@link #BASE_KEYS}, in the server's order. */
    public Map<String, String> properties() {
        Map<String, String> extras = new LinkedHashMap<>();
        attributes.forEach((key, value) -> {
            if (!BASE_KEYS.contains(key)) {
                extras.put(key, value == null ? "" : String.valueOf(value));
            }
        });
        return Collections.unmodifiableMap(extras);
    }

    public Optional<Object> get(String key) {
        return Optional.ofNullable(attributes.get(requireNonNull(key, "key is null")));
    }

    private Optional<String> string(String key) {
        Object value = attributes.get(key);
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    private Optional<Long> number(String key) {
        Object value = attributes.get(key);
        return value instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    }
}
