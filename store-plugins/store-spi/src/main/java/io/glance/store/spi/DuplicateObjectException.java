package io.glance.store.spi;

/** An object for the image already exists in the store. */
public class DuplicateObjectException extends StoreException {

    public DuplicateObjectException(String message) {
        super(message, null);
    }

    public DuplicateObjectException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "STORE_DUPLICATE_OBJECT";
    }

    @Override
    public Category category() {
        return Category.USER;
    }
}
