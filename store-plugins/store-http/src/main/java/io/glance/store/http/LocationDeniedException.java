package io.glance.store.http;

import io.glance.store.spi.StoreException;

/** A location (or a redirect target) the store's policy refuses: scheme, host, port or resolved address. */
public class LocationDeniedException extends StoreException {

    public LocationDeniedException(String message) {
        super(message, null);
    }

    @Override
    public String code() {
        return "STORE_LOCATION_DENIED";
    }

    @Override
    public Category category() {
        return Category.USER;
    }
}
