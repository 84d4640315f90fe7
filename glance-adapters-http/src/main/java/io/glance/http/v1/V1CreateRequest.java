package io.glance.http.v1;

import io.glance.domain.Visibility;
import io.glance.ports.in.CreateImageCommand;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * POST /v1/images metadata as the create use case's command. {@code is_public} true is visibility {@code public},
 * anything else {@code private} (v1 has no shared or community). {@code status}, {@code size}, {@code checksum},
 * {@code location} and {@code store} are not attributes here: the handler uses them for the data step; the
 * timestamps and {@code deleted} are dropped as Glance drops them.
 */
final class V1CreateRequest {

    private V1CreateRequest() {
    }

    /** @throws io.glance.domain.InvalidInputException naming the first bad value */
    static CreateImageCommand command(V1Metadata meta) {
        String diskFormat = V1Fields.diskFormat(meta.get("disk_format"));
        String containerFormat = V1Fields.containerFormat(meta.get("container_format"));
        V1Fields.checkFormatMix(diskFormat, containerFormat);
        Visibility visibility = Boolean.TRUE.equals(V1Fields.bool(meta, "is_public")) ? Visibility.PUBLIC
                : Visibility.PRIVATE;
        return new CreateImageCommand(V1Fields.id(meta), meta.get("name"), visibility,
                V1Fields.bool(meta, "protected"), null, V1Fields.nonNegativeInt(meta, "min_disk"),
                V1Fields.nonNegativeInt(meta, "min_ram"), diskFormat, containerFormat, meta.get("owner"),
                meta.has("owner"), List.of(), properties(meta));
    }

    /** v2 properties are strings: a property sent empty (v1's null) is stored as the empty string. */
    static Map<String, String> properties(V1Metadata meta) {
        Map<String, String> properties = new LinkedHashMap<>();
        meta.properties().forEach((name, value) -> properties.put(name, value == null ? "" : value));
        return properties;
    }
}
