package io.glance.client;

/** HTTP 403: policy, read-only or reserved keys, protected images, deactivated downloads. */
public final class ForbiddenException extends GlanceClientException {
    public ForbiddenException(String serverMessage, String message) {
        super(403, serverMessage, message);
    }
}
