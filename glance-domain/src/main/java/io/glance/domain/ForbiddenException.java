package io.glance.domain;

/** The caller may not do this: policy, read-only attribute, protected image (HTTP 403). */
public final class ForbiddenException extends GlanceException {

    public ForbiddenException(String message) {
        super(message);
    }

    public ForbiddenException(String message, Throwable cause) {
        super(message, cause);
    }
}
