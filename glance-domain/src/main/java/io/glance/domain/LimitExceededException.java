package io.glance.domain;

/** A size cap or quota would be exceeded (HTTP 413). */
public final class LimitExceededException extends GlanceException {

    public LimitExceededException(String message) {
        super(message);
    }

    public LimitExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
