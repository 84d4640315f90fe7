package io.glance.client;

/** HTTP 5xx: the server failed (500) or a store is unavailable or refuses writes (503). */
public final class ServerErrorException extends GlanceClientException {
    public ServerErrorException(int status, String serverMessage, String message) {
        super(status, serverMessage, message);
    }
}
