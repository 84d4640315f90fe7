package io.glance.client;

/** HTTP 409: the image is in the wrong state, or the id, member or key already exists or is absent. */
public final class ConflictException extends GlanceClientException {
    public ConflictException(String serverMessage, String message) {
        super(409, serverMessage, message);
    }
}
