package io.glance.store.spi;

/** The data held another number of bytes than announced. */
public class SizeMismatchException extends StoreException {

    public SizeMismatchException(String message) {
        super(message, null);
    }

    public SizeMismatchException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "STORE_SIZE_MISMATCH";
    }

    @Override
    public Category category() {
        return Category.USER;
    }
}
