package io.glance.adapters.db;

/**
 * A database failure that is neither a domain conflict nor an outage (a broken statement, a constraint the adapter
 * did not expect, corrupt stored data). The message says what the adapter was doing and on which database; the cause
 * keeps the driver's exception for the logs.
 */
public final class DatabaseAccessException extends RuntimeException {

    public DatabaseAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
