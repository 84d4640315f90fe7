package io.glance.http.errors;

import io.glance.http.common.GlanceHeaders;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure of a request into Glance's error answer: status from {@link ErrorMapping}, body in the format
 * the client accepts. Registered for {@link Throwable}, so nothing reaches Helidon's default error page.
 */
public final class ErrorResponder implements ErrorHandler<Throwable> {
    private static final Logger LOG = Logger.getLogger(ErrorResponder.class.getName());

    /** Headers a handler may have set for its success answer; they would lie about an error body. */
    private static final List<HeaderName> SUCCESS_HEADERS = List.of(HeaderNames.CONTENT_LENGTH,
            HeaderNames.CONTENT_RANGE, HeaderNames.LOCATION, GlanceHeaders.CONTENT_MD5,
            GlanceHeaders.IMPORT_METHODS, GlanceHeaders.STORE_IDS, HeaderNames.ETAG, HeaderNames.LAST_MODIFIED,
            HeaderNames.ACCEPT_RANGES, HeaderNames.CACHE_CONTROL, HeaderNames.create("Repr-Digest"));

    @Override
    public void handle(ServerRequest req, ServerResponse res, Throwable error) {
        ApiError apiError = ErrorMapping.map(error);
        log(req, res, error, apiError);
        SUCCESS_HEADERS.forEach(res.headers()::remove);
        for (Map.Entry<String, String> header : apiError.headers().entrySet()) {
            res.headers().set(HeaderNames.create(header.getKey()), header.getValue());
        }
        ErrorFormat format = ErrorFormat.choose(req.headers().all(HeaderNames.ACCEPT, List::of));
        ErrorPages.ErrorPage page = ErrorPages.render(format, apiError.status(), apiError.message());
        res.status(StatusTitles.status(apiError.status()));
        res.headers().set(HeaderNames.CONTENT_TYPE, page.contentType());
        if (req.prologue().method() == Method.HEAD) {
            // A HEAD answer has the headers of the GET answer and no body: a body would be read as the start of
            // the next answer on the connection.
            res.headers().contentLength(page.body().length);
            res.send();
            return;
        }
        res.send(page.body());
    }

    private static void log(ServerRequest req, ServerResponse res, Throwable error, ApiError apiError) {
        String requestId = res.headers().first(GlanceHeaders.REQUEST_ID).orElse("-");
        String request = req.prologue().method().text() + " " + req.prologue().uriPath().rawPath();
        if (apiError.status() >= 500) {
            LOG.log(Level.SEVERE, requestId + " " + request + " failed with " + apiError.status(), error);
        } else if (LOG.isLoggable(Level.FINE)) {
            LOG.fine(requestId + " " + request + " -> " + apiError.status() + ": " + apiError.message());
        }
    }
}
