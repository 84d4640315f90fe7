package io.glance.http.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.Image;
import io.glance.registry.protocol.ImageDocument;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Cactus's registry PUT: the fields sent overwrite the stored ones, the others stay; properties are upserted, and
 * with {@code X-Glance-Registry-Purge-Props: true} every property not sent is removed. Protected fields are dropped
 * from the input as Cactus drops them.
 */
final class CactusUpdate {
    private static final Set<String> PROTECTED = Set.of("id", "created_at", "updated_at", "deleted_at", "deleted",
            "activated_at");

    private CactusUpdate() {
    }

    static Image merge(Image current, JsonNode changes, boolean purgeProperties, Instant now) {
        ObjectNode document = ImageDocument.write(current);
        changes.properties().forEach(entry -> {
            String field = entry.getKey();
            if (PROTECTED.contains(field) || field.equals("properties")) {
                return;
            }
            document.set(field, entry.getValue());
            if (field.equals("is_public")) {
                document.remove("visibility"); // derive it from is_public again
            }
            if (field.equals("location")) {
                document.remove("locations");
            }
        });
        Map<String, String> properties = purgeProperties ? new LinkedHashMap<>()
                : new LinkedHashMap<>(current.properties());
        properties.putAll(ImageDocument.properties(changes.get("properties")));
        ObjectNode merged = document.deepCopy();
        ObjectNode propertyNode = merged.putObject("properties");
        properties.forEach(propertyNode::put);
        return ImageDocument.read(merged, now).toBuilder().updatedAt(now).build();
    }
}
