package io.glance.client;

/**
 * Keystone's catalog has no endpoint of the image service for the interface and region asked for; the message lists
 * the image endpoints it does have.
 */
public final class EndpointNotFoundException extends GlanceClientException {
    public EndpointNotFoundException(String message) {
        super(0, "", message);
    }
}
