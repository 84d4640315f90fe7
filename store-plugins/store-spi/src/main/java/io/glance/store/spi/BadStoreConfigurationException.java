package io.glance.store.spi;

/** The store's configuration is unusable; the message names the key. */
public class BadStoreConfigurationException extends StoreException {

    public BadStoreConfigurationException(String message) {
        super(message, null);
    }

    public BadStoreConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "STORE_BAD_CONFIGURATION";
    }

    @Override
    public Category category() {
        return Category.INTERNAL;
    }
}
