package io.glance.store.spi;

/** The store refused the write (permissions, read-only volume). */
public class WriteDeniedException extends StoreException {

    public WriteDeniedException(String message) {
        super(message, null);
    }

    public WriteDeniedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "STORE_WRITE_DENIED";
    }

    @Override
    public Category category() {
        return Category.EXTERNAL;
    }
}
