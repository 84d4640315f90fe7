package io.glance.store.spi;

/** The store could not be reached or failed while serving the request. */
public class StoreUnavailableException extends StoreException {

    public StoreUnavailableException(String message) {
        super(message, null);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "STORE_UNAVAILABLE";
    }

    @Override
    public Category category() {
        return Category.EXTERNAL;
    }
}
