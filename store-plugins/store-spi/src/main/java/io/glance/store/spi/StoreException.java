package io.glance.store.spi;

/**
 * Root of the errors a driver may throw. Each subclass has a stable {@link #code()} and a {@link Category} telling the
 * host whose fault it is; the host maps them to API answers (404, 409, 413, 503, ...). Drivers never return null for
 * "not found": they throw {@link ObjectNotFoundException}.
 */
public abstract class StoreException extends RuntimeException {

    /** Whose fault an error is. */
    public enum Category {
        /** The caller asked for something impossible (missing object, duplicate, size mismatch). */
        USER,
        /** The backing service failed or refused (unreachable, full, denied). */
        EXTERNAL,
        /** The driver or its configuration is wrong. */
        INTERNAL
    }

    protected StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A stable machine-readable code, e.g. {@code STORE_OBJECT_NOT_FOUND}. */
    public abstract String code();

    public abstract Category category();
}
