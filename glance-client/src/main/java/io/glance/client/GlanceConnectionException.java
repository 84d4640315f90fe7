package io.glance.client;

import java.io.IOException;

/** No HTTP answer: the server could not be reached or the connection broke mid-transfer. */
public final class GlanceConnectionException extends GlanceClientException {
    public GlanceConnectionException(String message, IOException cause) {
        super(0, "", message, cause);
    }
}
