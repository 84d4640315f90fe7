package io.glance.domain;

/** The image disappeared while the request was running (HTTP 410). */
public final class GoneException extends GlanceException {

    public GoneException(String message) {
        super(message);
    }

    public GoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
