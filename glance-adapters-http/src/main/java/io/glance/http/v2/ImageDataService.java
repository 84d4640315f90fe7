package io.glance.http.v2;

import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageId;
import io.glance.domain.RangeNotSatisfiableException;
import io.glance.domain.RequestContext;
import io.glance.http.common.DataStreams;
import io.glance.http.common.GlanceHeaders;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.http.errors.HttpStatusException;
import io.glance.ports.in.ImageCatalog;
import io.glance.ports.in.ImageData;
import io.glance.ports.in.ImageDownload;
import io.glance.ports.in.RangeRequest;
import io.glance.ports.in.StoreInfo;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * PUT and GET /v2/images/{id}/file (spec §2.3). Image data is streamed both ways and never held in memory: the
 * request's input stream goes straight to the upload use case, the store's stream straight to the response.
 */
final class ImageDataService implements HttpService {
    private static final Logger LOG = Logger.getLogger(ImageDataService.class.getName());
    private static final String OCTET_STREAM = "application/octet-stream";

    private final ImageData data;
    private final ImageCatalog catalog;
    private final StoreInfo storeInfo;

    ImageDataService(ImageData data, ImageCatalog catalog, StoreInfo storeInfo) {
        this.data = requireNonNull(data, "data is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.storeInfo = requireNonNull(storeInfo, "storeInfo is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{id}/file", this::download)
                .put("/{id}/file", this::upload)
                .any("/{id}/file", MethodNotAllowed.allowing("GET, PUT"));
    }

    private void upload(ServerRequest req, ServerResponse res) {
        requireOctetStream(req);
        ImageId id = PathParameters.imageId(req);
        // -1 for chunked bodies (glanceclient always), the Content-Length otherwise (openstacksdk with a file).
        long declaredLength = req.headers().contentLength().orElse(-1);
        // Glance reads X-Image-Meta-Store only with enabled_backends; a single store ignores it.
        String storeId = !storeInfo.multiStore() ? null : req.headers().first(GlanceHeaders.IMAGE_META_STORE)
                .map(String::strip).filter(store -> !store.isEmpty()).orElse(null);
        // Helidon has no entity stream for a request without body framing; that upload is empty.
        InputStream body = RequestBodies.announced(req) ? req.content().inputStream() : InputStream.nullInputStream();
        data.upload(RequestContexts.of(req), id, body, declaredLength, storeId);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void download(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        ImageId id = PathParameters.imageId(req);
        RequestContext context = RequestContexts.of(req);
        Optional<RangeRequest> range = RangeHeaders.parse(req.headers());
        Optional<ImageDownload> download;
        try {
            download = data.download(context, id, range.orElse(null));
        } catch (RangeNotSatisfiableException e) {
            throw unsatisfiable(context, id, e);
        }
        if (download.isEmpty()) {
            // No data yet: glanceclient reports "Image ... has no data." on 204.
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        send(res, download.get());
    }

    private static void send(ServerResponse res, ImageDownload download) {
        try (InputStream in = download.data()) {
            res.status(download.ranged() ? Status.PARTIAL_CONTENT_206 : Status.OK_200);
            // Exactly this string: glanceclient streams only responses of this type.
            res.headers().set(HeaderNames.CONTENT_TYPE, OCTET_STREAM);
            res.headers().contentLength(download.length());
            ImageChecksums checksums = download.image().checksums();
            if (checksums != null) {
                // Hex, not the base64 of RFC 1864: that is what Glance sends and the clients compare.
                res.headers().set(GlanceHeaders.CONTENT_MD5, checksums.md5());
            }
            if (download.ranged()) {
                res.headers().set(HeaderNames.CONTENT_RANGE, "bytes " + download.offset() + "-"
                        + (download.offset() + download.length() - 1) + "/" + download.total());
            }
            try (OutputStream out = res.outputStream()) {
                DataStreams.copy(in, out);
            }
        } catch (IOException e) {
            // Mostly a client that went away; the status line is gone, so all that is left is to say so.
            LOG.log(Level.FINE, "Download of image " + download.image().id() + " ended early", e);
            throw new UncheckedIOException("Download of image " + download.image().id() + " ended early", e);
        }
    }

    /** 416 with {@code Content-Range: bytes *}{@code /size}, so a client learns how much there is. */
    private HttpStatusException unsatisfiable(RequestContext context, ImageId id, RangeNotSatisfiableException e) {
        Image image = catalog.show(context, id);
        long size = image.size() == null ? 0 : image.size();
        return new HttpStatusException(416, e.getMessage(), Map.of("Content-Range", "bytes */" + size));
    }

    /** Glance reads {@code request.content_type}, the media type without parameters. */
    private static void requireOctetStream(ServerRequest req) {
        Optional<HttpMediaType> contentType = req.headers().contentType();
        String given = contentType.map(type -> type.mediaType().text()).orElse(null);
        if (!OCTET_STREAM.equalsIgnoreCase(given)) {
            throw new HttpStatusException(415, "Invalid content type " + given
                    + " (image data must be sent as " + OCTET_STREAM + ")");
        }
    }
}
