package io.glance.domain;

/** The requested byte range lies outside the image data (HTTP 416). */
public final class RangeNotSatisfiableException extends GlanceException {

    public RangeNotSatisfiableException(String message) {
        super(message);
    }

    public RangeNotSatisfiableException(String message, Throwable cause) {
        super(message, cause);
    }
}
