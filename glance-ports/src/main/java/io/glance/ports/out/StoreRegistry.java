package io.glance.ports.out;

import io.glance.domain.NotFoundException;

import java.util.List;

/**
 * The stores configured in this deployment, each backed by a driver from a plugin. The host wraps drivers so that
 * capabilities are checked before a driver is called.
 */
public interface StoreRegistry {

    /** The store new data goes to when the client names none. */
    ConfiguredStore defaultStore();

    /**
     * The store with this id.
     *
     * @throws io.glance.domain.InvalidInputException when no store has that id (the message names it)
     */
    ConfiguredStore store(String storeId);

    /** The store that holds a location (by recorded store id, else by URI scheme). */
    ConfiguredStore storeFor(io.glance.domain.ImageLocation location) throws NotFoundException;

    /** All configured stores in configuration order. */
    List<ConfiguredStore> stores();

    /** Whether several stores are configured with {@code enabled_backends} (Glance's multi-store mode). */
    boolean multiStore();
}
