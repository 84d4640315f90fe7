package io.glance.domain;

/** The image, member or tag does not exist or is not visible to the caller (HTTP 404). */
public final class NotFoundException extends GlanceException {

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
