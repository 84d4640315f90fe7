package io.glance.http.v2;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageLocation;
import io.glance.http.ApiSettings;
import io.glance.http.common.Json;
import io.glance.http.common.Timestamps;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An image as the API shows it (spec §4, Glance's {@code _format_image}): custom properties as top-level strings,
 * then every base attribute, null when unset. {@code locations} (with {@code show_multiple_locations}) and
 * {@code direct_url} (with {@code show_image_direct_url}) only when the operator turned them on, as in Glance;
 * {@code stores} only in multi-store deployments, for images with data.
 */
final class ImageJson {
    /** Glance hides the staging host; every other os_glance_* property is shown. */
    private static final String HIDDEN_PROPERTY = "os_glance_stage_host";
    /** What {@link #write} writes after the custom properties; a property of the same name yields to it. */
    private static final Set<String> BASE_KEYS = Set.of("name", "disk_format", "container_format", "visibility",
            "size", "virtual_size", "status", "checksum", "protected", "min_ram", "min_disk", "owner", "os_hidden",
            "os_hash_algo", "os_hash_value", "id", "created_at", "updated_at", "tags", "self", "file", "schema",
            "locations", "direct_url", "stores");

    private ImageJson() {
    }

    static ObjectNode render(Image image, boolean multiStore, ApiSettings settings) {
        ObjectNode json = Json.object();
        for (Map.Entry<String, String> property : image.properties().entrySet()) {
            if (!property.getKey().equals(HIDDEN_PROPERTY)) {
                json.put(property.getKey(), property.getValue());
            }
        }
        ImageChecksums checksums = image.checksums();
        json.put("name", image.name());
        json.put("disk_format", image.diskFormat());
        json.put("container_format", image.containerFormat());
        json.put("visibility", image.visibility().wireName());
        json.put("size", image.size());
        json.put("virtual_size", image.virtualSize());
        json.put("status", image.status().wireName());
        json.put("checksum", checksums == null ? null : checksums.md5());
        json.put("protected", image.isProtected());
        json.put("min_ram", image.minRam());
        json.put("min_disk", image.minDisk());
        json.put("owner", image.owner());
        json.put("os_hidden", image.osHidden());
        json.put("os_hash_algo", checksums == null ? null : checksums.hashAlgo());
        json.put("os_hash_value", checksums == null ? null : checksums.hashValue());
        json.put("id", image.id().value());
        json.put("created_at", Timestamps.format(image.createdAt()));
        json.put("updated_at", Timestamps.format(image.updatedAt()));
        ArrayNode tags = json.putArray("tags");
        image.tags().forEach(tags::add);
        json.put("self", selfPath(image));
        json.put("file", selfPath(image) + "/file");
        json.put("schema", "/v2/schemas/image");
        if (settings.showMultipleLocations()) {
            ArrayNode locations = json.putArray("locations");
            for (ImageLocation location : image.locations()) {
                ObjectNode entry = locations.addObject();
                entry.put("url", location.url());
                ObjectNode metadata = entry.putObject("metadata");
                location.metadata().forEach(metadata::put);
            }
        }
        if (settings.showImageDirectUrl() && !image.locations().isEmpty()) {
            json.put("direct_url", image.locations().getFirst().url());
        }
        if (multiStore) {
            List<String> stores = new ArrayList<>();
            for (ImageLocation location : image.locations()) {
                if (location.storeId() != null) {
                    stores.add(location.storeId());
                }
            }
            if (!stores.isEmpty()) {
                json.put("stores", String.join(",", stores));
            }
        }
        return json;
    }

    /**
     * The same object as {@link #render}, written to {@code json} as it goes (lists: no tree of every image is
     * built first). Nulls, numbers and key order are those of the tree.
     */
    static void write(JsonGenerator json, Image image, boolean multiStore, ApiSettings settings) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, String> property : image.properties().entrySet()) {
            if (!property.getKey().equals(HIDDEN_PROPERTY) && !BASE_KEYS.contains(property.getKey())) {
                json.writeStringField(property.getKey(), property.getValue());
            }
        }
        ImageChecksums checksums = image.checksums();
        json.writeStringField("name", image.name());
        json.writeStringField("disk_format", image.diskFormat());
        json.writeStringField("container_format", image.containerFormat());
        json.writeStringField("visibility", image.visibility().wireName());
        writeNumber(json, "size", image.size());
        writeNumber(json, "virtual_size", image.virtualSize());
        json.writeStringField("status", image.status().wireName());
        json.writeStringField("checksum", checksums == null ? null : checksums.md5());
        json.writeBooleanField("protected", image.isProtected());
        json.writeNumberField("min_ram", image.minRam());
        json.writeNumberField("min_disk", image.minDisk());
        json.writeStringField("owner", image.owner());
        json.writeBooleanField("os_hidden", image.osHidden());
        json.writeStringField("os_hash_algo", checksums == null ? null : checksums.hashAlgo());
        json.writeStringField("os_hash_value", checksums == null ? null : checksums.hashValue());
        json.writeStringField("id", image.id().value());
        json.writeStringField("created_at", Timestamps.format(image.createdAt()));
        json.writeStringField("updated_at", Timestamps.format(image.updatedAt()));
        json.writeArrayFieldStart("tags");
        for (String tag : image.tags()) {
            json.writeString(tag);
        }
        json.writeEndArray();
        String self = selfPath(image);
        json.writeStringField("self", self);
        json.writeStringField("file", self + "/file");
        json.writeStringField("schema", "/v2/schemas/image");
        if (settings.showMultipleLocations()) {
            json.writeArrayFieldStart("locations");
            for (ImageLocation location : image.locations()) {
                json.writeStartObject();
                json.writeStringField("url", location.url());
                json.writeObjectFieldStart("metadata");
                for (Map.Entry<String, String> entry : location.metadata().entrySet()) {
                    json.writeStringField(entry.getKey(), entry.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (settings.showImageDirectUrl() && !image.locations().isEmpty()) {
            json.writeStringField("direct_url", image.locations().getFirst().url());
        }
        if (multiStore) {
            List<String> stores = new ArrayList<>();
            for (ImageLocation location : image.locations()) {
                if (location.storeId() != null) {
                    stores.add(location.storeId());
                }
            }
            if (!stores.isEmpty()) {
                json.writeStringField("stores", String.join(",", stores));
            }
        }
        json.writeEndObject();
    }

    private static void writeNumber(JsonGenerator json, String key, Long value) throws IOException {
        if (value == null) {
            json.writeNullField(key);
        } else {
            json.writeNumberField(key, value);
        }
    }

    static String selfPath(Image image) {
        return "/v2/images/" + image.id().value();
    }
}
