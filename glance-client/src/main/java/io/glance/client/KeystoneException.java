package io.glance.client;

/**
 * Logging in to Keystone, or checking a token with it, failed: {@link #status()} is Keystone's HTTP status (401 for
 * refused credentials), 0 when Keystone could not be reached. The message names Keystone's URL and the user, never
 * the password or the token.
 */
public final class KeystoneException extends GlanceClientException {
    public KeystoneException(int status, String serverMessage, String message, Throwable cause) {
        super(status, serverMessage, message, cause);
    }
}
