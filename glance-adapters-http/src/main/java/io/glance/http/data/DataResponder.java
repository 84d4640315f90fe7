package io.glance.http.data;

import io.glance.domain.Image;
import io.glance.domain.ImageStatus;
import io.glance.domain.RangeNotSatisfiableException;
import io.glance.http.common.DataStreams;
import io.glance.http.connections.ClientChannel;
import io.glance.http.errors.HttpStatusException;
import io.glance.ports.in.ImageData;
import io.glance.ports.in.ImageDownload;
import io.glance.ports.in.RangeRequest;
import io.glance.store.spi.ChannelTransferable;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Answers a GET or HEAD of image data, for both API versions: preconditions (304, 412), ranges (206, multipart 206,
 * 416 with {@code Content-Range: bytes *}{@code /size}), If-Range, and the validators and Cache-Control on every
 * answer about the data. The store is opened only for a GET that sends bytes, never for a 304, a 412 or a HEAD, and
 * what it delivers is streamed straight to the socket: from a file store with sendfile ({@link ZeroCopyBody}) on a
 * plaintext connection, else through Helidon's output stream.
 */
public final class DataResponder {
    private static final Logger LOG = Logger.getLogger(DataResponder.class.getName());
    private static final String OCTET_STREAM = "application/octet-stream";
    /** More parts than this are answered with the whole data once (RFC 9110 §14.2 allows ignoring Range). */
    private static final int MAX_PARTS = 16;
    private static final io.helidon.http.HeaderName REPR_DIGEST = HeaderNames.create("Repr-Digest");

    private final ImageData data;
    private final DataCaching caching;

    public DataResponder(ImageData data, DataCaching caching) {
        this.data = requireNonNull(data, "data is null");
        this.caching = requireNonNull(caching, "caching is null");
    }

    /**
     * @param image      the image as the caller may download it: already checked for visibility (and, for v2,
     *                   deactivation), so no answer here reveals more than a 404 or 403 would have
     * @param validator  the API version's validators of the data
     * @param apiHeaders the API version's own headers for an answer about the data (Content-MD5, x-image-meta-*)
     * @return {@code false} when the image has no data to send; the caller answers as its API version does
     * @throws HttpStatusException 412 when a precondition fails, 416 when no requested range fits
     */
    public boolean respond(ServerRequest req, ServerResponse res, Image image, DataValidator validator,
                           Consumer<ServerResponseHeaders> apiHeaders) {
        boolean hasData = hasData(image);
        Preconditions.Outcome outcome = Preconditions.evaluate(req.headers(), validator, hasData);
        if (outcome == Preconditions.Outcome.PRECONDITION_FAILED) {
            throw new HttpStatusException(412, "Precondition failed for the data of image " + image.id()
                    + " (If-Match or If-Unmodified-Since does not hold)");
        }
        if (!hasData) {
            return false;
        }
        if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
            setValidators(res.headers(), image, validator, apiHeaders);
            // No Content-Length: NotModifiedFraming removes the 0 Helidon adds (Squid would store it).
            res.status(Status.NOT_MODIFIED_304).send();
            return true;
        }
        long size = image.size();
        List<long[]> parts = requestedParts(req, image, validator, size);
        boolean head = req.prologue().method() == Method.HEAD;
        if (parts.size() > 1) {
            return sendMultipart(res, image, validator, apiHeaders, parts, size, head);
        }
        RangeRequest range = parts.isEmpty() ? null : new RangeRequest(parts.getFirst()[0],
                parts.getFirst()[0] + parts.getFirst()[1] - 1);
        if (head) {
            setValidators(res.headers(), image, validator, apiHeaders);
            long length = range == null ? size : parts.getFirst()[1];
            setSingle(res, range == null ? null : parts.getFirst(), length, size);
            res.send();
            return true;
        }
        Optional<ImageDownload> download = data.open(image, range);
        if (download.isEmpty()) {
            return false;
        }
        setValidators(res.headers(), image, validator, apiHeaders);
        ImageDownload opened = download.get();
        setSingle(res, opened.ranged() ? new long[] {opened.offset(), opened.length()} : null, opened.length(),
                opened.total());
        stream(req, res, opened);
        return true;
    }

    private static boolean hasData(Image image) {
        return (image.status() == ImageStatus.ACTIVE || image.status() == ImageStatus.DEACTIVATED)
                && image.size() != null;
    }

    /** The {@code [offset, length]} parts to send: none for the whole data, one for a 206, several for multipart. */
    private static List<long[]> requestedParts(ServerRequest req, Image image, DataValidator validator, long size) {
        List<RangeRequest> ranges;
        try {
            ranges = RangeHeaders.parse(req.headers());
        } catch (RangeNotSatisfiableException e) {
            throw unsatisfiable(e.getMessage(), size);
        }
        if (ranges.isEmpty() || !Preconditions.rangeApplies(req.headers(), validator)) {
            return List.of();
        }
        List<long[]> resolved = new ArrayList<>();
        String refusal = null;
        for (RangeRequest range : ranges) {
            try {
                resolved.add(range.resolve(size));
            } catch (RangeNotSatisfiableException e) {
                refusal = e.getMessage();
            }
        }
        if (resolved.isEmpty()) {
            throw unsatisfiable(refusal + " (image " + image.id() + ")", size);
        }
        if (resolved.size() == 1) {
            return resolved;
        }
        List<long[]> acceptable = MultipartByteRanges.acceptable(resolved, MAX_PARTS);
        return acceptable == null ? List.of() : acceptable;
    }

    private static HttpStatusException unsatisfiable(String message, long size) {
        return new HttpStatusException(416, message, Map.of("Content-Range", "bytes */" + size));
    }

    private void setValidators(ServerResponseHeaders headers, Image image, DataValidator validator,
                               Consumer<ServerResponseHeaders> apiHeaders) {
        apiHeaders.accept(headers);
        if (validator.etag() != null) {
            headers.set(HeaderNames.ETAG, validator.etag());
        }
        if (validator.lastModified() != null) {
            headers.set(HeaderNames.LAST_MODIFIED, HttpDates.format(validator.lastModified()));
        }
        if (validator.reprDigest() != null) {
            headers.set(REPR_DIGEST, validator.reprDigest());
        }
        headers.set(HeaderNames.CACHE_CONTROL, caching.cacheControl(image));
        headers.set(HeaderNames.ACCEPT_RANGES, "bytes");
    }

    private static void setSingle(ServerResponse res, long[] part, long length, long total) {
        // Exactly this string: glanceclient streams only responses of this type.
        res.headers().set(HeaderNames.CONTENT_TYPE, OCTET_STREAM);
        res.headers().contentLength(length);
        if (part == null) {
            res.status(Status.OK_200);
        } else {
            res.status(Status.PARTIAL_CONTENT_206);
            res.headers().set(HeaderNames.CONTENT_RANGE, "bytes " + part[0] + "-" + (part[0] + part[1] - 1) + "/"
                    + total);
        }
    }

    private boolean sendMultipart(ServerResponse res, Image image, DataValidator validator,
                                  Consumer<ServerResponseHeaders> apiHeaders, List<long[]> parts, long size,
                                  boolean head) {
        MultipartByteRanges multipart = new MultipartByteRanges(parts, size);
        setValidators(res.headers(), image, validator, apiHeaders);
        res.status(Status.PARTIAL_CONTENT_206);
        res.headers().set(HeaderNames.CONTENT_TYPE, multipart.contentType());
        res.headers().contentLength(multipart.contentLength());
        if (head) {
            res.send();
            return true;
        }
        try (OutputStream out = res.outputStream()) {
            for (int i = 0; i < parts.size(); i++) {
                long[] part = parts.get(i);
                out.write(multipart.partHeader(i));
                ImageDownload download = data.open(image, new RangeRequest(part[0], part[0] + part[1] - 1))
                        .orElseThrow(() -> new IOException("the data of image " + image.id() + " disappeared"));
                try (InputStream in = download.data()) {
                    DataStreams.copy(in, out);
                }
            }
            out.write(multipart.closing());
        } catch (IOException e) {
            throw endedEarly(image, e);
        }
        return true;
    }

    private static void stream(ServerRequest req, ServerResponse res, ImageDownload download) {
        try (InputStream in = download.data(); OutputStream out = res.outputStream()) {
            Optional<ClientChannel> socket = in instanceof ChannelTransferable ? ClientChannel.of(req) : Optional.empty();
            if (socket.isEmpty()
                    || !ZeroCopyBody.send(res, out, in, (ChannelTransferable) in, socket.get(), download.length())) {
                DataStreams.copy(in, out);
            }
        } catch (IOException e) {
            throw endedEarly(download.image(), e);
        }
    }

    /** Mostly a client that went away; the status line is gone, so all that is left is to say so. */
    private static UncheckedIOException endedEarly(Image image, IOException e) {
        LOG.log(Level.FINE, "Download of image " + image.id() + " ended early", e);
        return new UncheckedIOException("Download of image " + image.id() + " ended early", e);
    }
}
