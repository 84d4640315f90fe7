package io.glance.domain;

/** A backing service (database, store) cannot serve the request now (HTTP 503). */
public final class ServiceUnavailableException extends GlanceException {

    public ServiceUnavailableException(String message) {
        super(message);
    }

    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
