package io.glance.domain;

/** The request is malformed or a value is invalid (HTTP 400). */
public final class InvalidInputException extends GlanceException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
