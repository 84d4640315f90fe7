package io.glance.domain;

import java.util.Map;
import java.util.Objects;

/**
 * Where an image's data lives: a store URI (e.g. {@code file:///var/lib/glance/images/<id>}) and its metadata,
 * which holds {@code store} (the store id) in multi-store deployments.
 */
public record ImageLocation(String url, Map<String, String> metadata) {

    public ImageLocation {
        Objects.requireNonNull(url, "url is null");
        metadata = Map.copyOf(metadata);
    }

    /** The id of the store that holds this location, or {@code null} when it was not recorded. */
    public String storeId() {
        return metadata.get("store");
    }
}
