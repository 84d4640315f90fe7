package io.glance.http.v1;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.RequestContext;
import io.glance.http.common.RequestBodies;
import io.glance.ports.in.ImageLocations;
import io.glance.ports.in.ImageUploadV1;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.ServerRequest;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The data step of POST and PUT /v1/images (Cactus {@code server.py} step 2-3): a body is streamed into a store with
 * v1's upload rules; without a body, {@code x-image-meta-location} registers data that lives elsewhere. A body wins
 * over a location, as in Glance.
 */
final class V1DataIn {
    static final String OCTET_STREAM = "application/octet-stream";

    private final ImageUploadV1 uploads;
    private final ImageLocations locations;

    V1DataIn(ImageUploadV1 uploads, ImageLocations locations) {
        this.uploads = requireNonNull(uploads, "uploads is null");
        this.locations = requireNonNull(locations, "locations is null");
    }

    /**
     * @param storeId the store {@link V1Store#resolve} chose, or {@code null} for the default
     * @return the image after the data step (unchanged when there is neither body nor location)
     */
    Image receive(ServerRequest req, RequestContext context, Image image, V1Metadata meta, String storeId) {
        ImageId id = image.id();
        if (RequestBodies.announced(req)) {
            requireOctetStream(req, context, id);
            long declaredLength = req.headers().contentLength().orElse(-1);
            return uploads.upload(context, id, req.content().inputStream(), declaredLength, storeId,
                    meta.get("checksum"));
        }
        String location = meta.get("location");
        if (location == null || image.locations().stream().anyMatch(known -> known.url().equals(location))) {
            return image;
        }
        return locations.addLocation(context, id, location, V1Fields.nonNegative(meta, "size"));
    }

    /** Cactus: anything but exactly octet-stream kills the image before a byte is read. */
    private void requireOctetStream(ServerRequest req, RequestContext context, ImageId id) {
        Optional<HttpMediaType> contentType = req.headers().contentType();
        String given = contentType.map(type -> type.mediaType().text()).orElse(null);
        if (!OCTET_STREAM.equalsIgnoreCase(given)) {
            uploads.kill(context, id);
            throw new InvalidInputException("Content-Type must be application/octet-stream (got " + given
                    + "); image " + id + " is now killed");
        }
    }
}
