package io.glance.store.spi;

/** There is no object at the location. */
public class ObjectNotFoundException extends StoreException {

    public ObjectNotFoundException(String message) {
        super(message, null);
    }

    public ObjectNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "STORE_OBJECT_NOT_FOUND";
    }

    @Override
    public Category category() {
        return Category.USER;
    }
}
