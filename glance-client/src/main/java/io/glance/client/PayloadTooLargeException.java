package io.glance.client;

/** HTTP 413: the image size cap, a quota or the storage is full. */
public final class PayloadTooLargeException extends GlanceClientException {
    public PayloadTooLargeException(String serverMessage, String message) {
        super(413, serverMessage, message);
    }
}
