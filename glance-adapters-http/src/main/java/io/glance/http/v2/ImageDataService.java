package io.glance.http.v2;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.http.common.GlanceHeaders;
import io.glance.http.data.DataResponder;
import io.glance.http.data.DataValidator;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.http.errors.HttpStatusException;
import io.glance.ports.in.ImageData;
import io.glance.ports.in.StoreInfo;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.InputStream;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * PUT, GET and HEAD /v2/images/{id}/file (spec §2.3). Image data is streamed both ways and never held in memory:
 * the request's input stream goes straight to the upload use case, the store's stream straight to the response
 * (through {@link DataResponder}, which also answers the conditional and range headers).
 */
final class ImageDataService implements HttpService {
    private static final String OCTET_STREAM = "application/octet-stream";

    private final ImageData data;
    private final StoreInfo storeInfo;
    private final DataResponder responder;

    ImageDataService(ImageData data, StoreInfo storeInfo, DataResponder responder) {
        this.data = requireNonNull(data, "data is null");
        this.storeInfo = requireNonNull(storeInfo, "storeInfo is null");
        this.responder = requireNonNull(responder, "responder is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{id}/file", this::download)
                .head("/{id}/file", this::download)
                .put("/{id}/file", this::upload)
                .any("/{id}/file", MethodNotAllowed.allowing("GET, HEAD, PUT"));
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

    /**
     * GET and HEAD: visibility and deactivation are checked first, so that a 304 or a 412 is only ever answered to
     * a caller who would also get the data; an image without data is a 204 (glanceclient reports "Image ... has no
     * data.").
     */
    private void download(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        Image image = data.downloadable(RequestContexts.of(req), PathParameters.imageId(req));
        boolean sent = responder.respond(req, res, image, DataValidator.v2(image), headers -> {
            if (image.checksums() != null) {
                // Hex, not the base64 of RFC 1864: that is what Glance sends and the clients compare.
                headers.set(GlanceHeaders.CONTENT_MD5, image.checksums().md5());
            }
        });
        if (!sent) {
            res.status(Status.NO_CONTENT_204).send();
        }
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
