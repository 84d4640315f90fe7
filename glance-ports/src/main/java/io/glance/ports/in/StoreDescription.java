package io.glance.ports.in;

import java.util.Map;
import java.util.Objects;

/**
 * A configured store as callers of the API may see it: what {@code /v2/info/stores} and v1's {@code store} header
 * need, and nothing of the driver behind it (which stays in {@code ports.out.ConfiguredStore}, for the application
 * alone).
 *
 * @param id          the store id ({@code file} in single-store mode)
 * @param type        the driver type, e.g. {@code file}
 * @param description the operator's {@code store_description}, or {@code null}
 * @param isDefault   whether new data goes here by default
 * @param readOnly    whether the driver cannot write (e.g. the http store)
 * @param properties  what {@code /v2/info/stores/detail} shows: driver properties with secrets masked
 */
public record StoreDescription(String id, String type, String description, boolean isDefault, boolean readOnly,
                               Map<String, String> properties) {

    public StoreDescription {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(type, "type is null");
        properties = Map.copyOf(properties);
    }
}
