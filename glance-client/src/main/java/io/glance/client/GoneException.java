package io.glance.client;

/** HTTP 410: the image was deleted during an upload, or the store does not accept data. */
public final class GoneException extends GlanceClientException {
    public GoneException(String serverMessage, String message) {
        super(410, serverMessage, message);
    }
}
