package io.glance.client;

/** HTTP 404: no such image (or not visible to the caller), member or tag. */
public final class NotFoundException extends GlanceClientException {
    public NotFoundException(String serverMessage, String message) {
        super(404, serverMessage, message);
    }
}
