package io.glance.client;

/** HTTP 401: a token is missing or invalid. */
public final class UnauthorizedException extends GlanceClientException {
    public UnauthorizedException(String serverMessage, String message) {
        super(401, serverMessage, message);
    }
}
