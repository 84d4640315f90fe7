package io.glance.ports.out;

import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A store as the operator configured it.
 *
 * @param id           the store id ({@code file} in single-store mode)
 * @param type         the driver type, e.g. {@code file}
 * @param description  the operator's {@code store_description}, or {@code null}
 * @param isDefault    whether new data goes here by default
 * @param capabilities what the driver declared
 * @param properties   what {@code /v2/info/stores/detail} shows: driver properties with secrets masked
 * @param driver       the driver, already guarded by capability checks
 * @param dedup        whether the store keeps one object for all images with the same bytes ({@code dedup: true};
 *                     then the driver declares {@link StoreCapability#DEDUP})
 */
public record ConfiguredStore(String id, String type, String description, boolean isDefault,
                              Set<StoreCapability> capabilities, Map<String, String> properties, StoreDriver driver,
                              boolean dedup) {

    public ConfiguredStore {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(type, "type is null");
        capabilities = Set.copyOf(capabilities);
        properties = Map.copyOf(properties);
        Objects.requireNonNull(driver, "driver is null");
        if (dedup && !capabilities.contains(StoreCapability.DEDUP)) {
            throw new IllegalArgumentException("store " + id + " cannot dedup: its driver does not declare DEDUP");
        }
    }

    /** A store that keeps every upload as its own object. */
    public ConfiguredStore(String id, String type, String description, boolean isDefault,
                           Set<StoreCapability> capabilities, Map<String, String> properties, StoreDriver driver) {
        this(id, type, description, isDefault, capabilities, properties, driver, false);
    }

    public boolean readOnly() {
        return !capabilities.contains(StoreCapability.WRITE);
    }

    public boolean supports(StoreCapability capability) {
        return capabilities.contains(capability);
    }
}
