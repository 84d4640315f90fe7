package io.glance.store.spi;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Describes a store type and creates drivers for it. Implementations are found with {@link java.util.ServiceLoader}
 * in the plugin jar and must have a public no-argument constructor. They describe themselves so the host can log them,
 * serve them from {@code /v2/info/stores/detail} and check capabilities before calling a driver.
 */
public interface StoreDriverFactory {

    /** The store type operators name in configuration, e.g. {@code file}, {@code swift}, {@code s3}, {@code http}. */
    String type();

    /** Other names accepted for {@link #type()}, e.g. {@code filesystem} for {@code file}. */
    default Set<String> aliases() {
        return Set.of();
    }

    /** The URI schemes of the locations this store writes and reads, e.g. {@code file}. */
    Set<String> schemes();

    /** What drivers of this type can do. */
    Set<StoreCapability> capabilities();

    /** Every configuration option the driver accepts; the host refuses others. */
    List<ConfigKey> configKeys();

    /**
     * Creates a driver for one configured store.
     *
     * @param storeId the operator's name for this store, e.g. {@code fast} or {@code file}
     * @param config  the store's options, only keys from {@link #configKeys()}, defaults not filled in
     * @param context host services
     * @throws BadStoreConfigurationException when the configuration is unusable; the message names the key
     */
    StoreDriver create(String storeId, Map<String, String> config, StoreContext context);
}
