package io.glance.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What POST /v2/images creates: only the fields set here are sent, so the server's defaults apply to the rest
 * (visibility {@code shared}, no formats). Extra properties are strings, as the image schema requires.
 */
public final class NewImage {
    private final Map<String, Object> body = new LinkedHashMap<>();
    private final List<String> tags = new ArrayList<>();

    private NewImage() {
    }

    public static NewImage named(String name) {
        return new NewImage().set("name", requireNonNull(name, "name is null"));
    }

    public static NewImage unnamed() {
        return new NewImage();
    }

    public NewImage id(String id) {
        return set("id", requireNonNull(id, "id is null"));
    }

    public NewImage diskFormat(String diskFormat) {
        return set("disk_format", requireNonNull(diskFormat, "diskFormat is null"));
    }

    public NewImage containerFormat(String containerFormat) {
        return set("container_format", requireNonNull(containerFormat, "containerFormat is null"));
    }

    /** {@code public}, {@code private}, {@code shared} or {@code community}. */
    public NewImage visibility(String visibility) {
        return set("visibility", requireNonNull(visibility, "visibility is null"));
    }

    public NewImage protectedImage(boolean isProtected) {
        return set("protected", isProtected);
    }

    public NewImage hidden(boolean hidden) {
        return set("os_hidden", hidden);
    }

    public NewImage minDisk(long gigabytes) {
        return set("min_disk", gigabytes);
    }

    public NewImage minRam(long megabytes) {
        return set("min_ram", megabytes);
    }

    public NewImage property(String key, String value) {
        requireNonNull(key, "key is null");
        if (Image.BASE_KEYS.contains(key)) {
            throw new IllegalArgumentException("'" + key + "' is a base attribute, not a property");
        }
        return set(key, requireNonNull(value, "value is null"));
    }

    public NewImage properties(Map<String, String> properties) {
        requireNonNull(properties, "properties is null").forEach(this::property);
        return this;
    }

    public NewImage tag(String tag) {
        tags.add(requireNonNull(tag, "tag is null"));
        return this;
    }

    public NewImage tags(List<String> tags) {
        requireNonNull(tags, "tags is null").forEach(this::tag);
        return this;
    }

    /** The JSON object to send. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>(body);
        if (!tags.isEmpty()) {
            json.put("tags", List.copyOf(tags));
        }
        return json;
    }

    private NewImage set(String key, Object value) {
        body.put(key, value);
        return this;
    }
}
