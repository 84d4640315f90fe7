package io.glance.store.spi;

/** The store has no space left for the object. */
public class StorageFullException extends StoreException {

    public StorageFullException(String message) {
        super(message, null);
    }

    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "STORE_FULL";
    }

    @Override
    public Category category() {
        return Category.EXTERNAL;
    }
}
