package io.glance.domain;

/** The request conflicts with the current state: illegal status change, duplicate (HTTP 409). */
public final class ConflictException extends GlanceException {

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
