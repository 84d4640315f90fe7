package io.glance.client;

/** HTTP 400: the server rejected the request (validation, filters, patch syntax). */
public final class BadRequestException extends GlanceClientException {
    public BadRequestException(String serverMessage, String message) {
        super(400, serverMessage, message);
    }
}
