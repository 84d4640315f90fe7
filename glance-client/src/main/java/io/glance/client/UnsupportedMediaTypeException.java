package io.glance.client;

/** HTTP 415: the request body has a content type the server does not take. */
public final class UnsupportedMediaTypeException extends GlanceClientException {
    public UnsupportedMediaTypeException(String serverMessage, String message) {
        super(415, serverMessage, message);
    }
}
