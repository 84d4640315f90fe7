package io.glance.http.common;

import io.glance.domain.ImageId;
import io.glance.domain.NotFoundException;
import io.helidon.webserver.http.ServerRequest;

/** Path parameters of the v2 routes. */
public final class PathParameters {

    private PathParameters() {
    }

    /** The {@code {id}} of an image route; an id that is no UUID cannot name an image, so it is a 404. */
    public static ImageId imageId(ServerRequest req) {
        String raw = req.path().pathParameters().get("id");
        if (!ImageId.isValid(raw)) {
            throw new NotFoundException("No image found with ID " + raw);
        }
        return new ImageId(raw);
    }

    public static String get(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }
}
