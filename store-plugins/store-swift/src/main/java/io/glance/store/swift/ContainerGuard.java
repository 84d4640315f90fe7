package io.glance.store.swift;

import static java.util.Objects.requireNonNull;

/**
 * Makes sure the image and segment containers exist before the first write, creating them when
 * {@code swift_store_create_container_on_put} is set. Checked once per driver; a missing container without that
 * option is an error naming the container and the option.
 */
final class ContainerGuard {

    private final String storeId;
    private final SwiftStoreConfig config;
    private final SwiftClient client;
    private volatile boolean checked;

    ContainerGuard(String storeId, SwiftStoreConfig config, SwiftClient client) {
        this.storeId = requireNonNull(storeId, "storeId is null");
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
    }

    void ensureExist() {
        if (checked) {
            return;
        }
        for (String container : new String[] {config.container(), config.segmentContainer()}) {
            String what = "checking container " + container;
            try {
                if (client.containers().get(container) != null) {
                    continue;
                }
                if (!config.createContainerOnPut()) {
                    throw new io.glance.store.spi.StoreUnavailableException("swift store '" + storeId
                            + "': container '" + container + "' does not exist; create it or set "
                            + SwiftStoreConfig.CREATE_CONTAINER + " = true");
                }
                client.containers().create(container);
            } catch (RuntimeException e) {
                throw SwiftFailures.fromJclouds(storeId, what, e, config);
            }
        }
        checked = true;
    }
}
