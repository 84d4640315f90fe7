package io.glance.client;

/**
 * A failed call to glance-api. {@link #status()} is the HTTP status the server answered with (0 when there was no
 * answer, as for a broken connection or a checksum mismatch found by the client), and {@link #serverMessage()} the
 * message the server put into its error body.
 */
public class GlanceClientException extends RuntimeException {
    private final int status;
    private final String serverMessage;

    public GlanceClientException(int status, String serverMessage, String message) {
        this(status, serverMessage, message, null);
    }

    public GlanceClientException(int status, String serverMessage, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.serverMessage = serverMessage == null ? "" : serverMessage;
    }

    /** The HTTP status, or 0 when the failure did not come from an HTTP answer. */
    public int status() {
        return status;
    }

    /** The server's own message from its error body; empty if it sent none. */
    public String serverMessage() {
        return serverMessage;
    }
}
