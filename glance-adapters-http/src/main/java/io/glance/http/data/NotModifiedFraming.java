package io.glance.http.data;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * Sends 304 answers without a Content-Length. Helidon writes {@code Content-Length: 0} on every body-less answer,
 * but on a 304 that header describes the stored 200 (RFC 9110 §8.6), and Squid 5.7 believes it: it updates its
 * copy to length 0 and serves an empty 200 from then on. Installed as an HTTP/1 send listener, which sees the
 * status and then the headers of each answer just before they are written, on the connection's own thread.
 */
public final class NotModifiedFraming implements Http1ConnectionListener {
    /** Status and headers of one answer arrive back to back on the thread that writes them. */
    private final ThreadLocal<Boolean> notModified = ThreadLocal.withInitial(() -> Boolean.FALSE);

    @Override
    public void status(ConnectionContext ctx, Status status) {
        notModified.set(status.code() == Status.NOT_MODIFIED_304.code());
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        if (notModified.get() && headers instanceof WritableHeaders<?> writable) {
            writable.remove(HeaderNames.CONTENT_LENGTH);
        }
        notModified.set(Boolean.FALSE);
    }
}
