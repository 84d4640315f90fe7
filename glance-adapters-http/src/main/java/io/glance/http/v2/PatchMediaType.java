package io.glance.http.v2;

import io.glance.http.errors.HttpStatusException;
import io.helidon.http.HttpMediaType;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The two JSON-patch dialects of PATCH /v2/images/{id}, told apart by Content-Type (spec §3). */
enum PatchMediaType {
    /** The deprecated draft-4 form, {@code {"add": "/name", "value": ...}}; {@code add} of an existing key is 409. */
    V2_0("application/openstack-images-v2.0-json-patch"),
    /** RFC 6902 objects, {@code {"op": "add", "path": "/name", "value": ...}}; {@code add} is an upsert. */
    V2_1("application/openstack-images-v2.1-json-patch");

    /** Sorted, as Glance joins them. */
    static final String ACCEPT_PATCH = V2_0.mediaType + ", " + V2_1.mediaType;

    private final String mediaType;

    PatchMediaType(String mediaType) {
        this.mediaType = mediaType;
    }

    /** @throws HttpStatusException 415 with {@code Accept-Patch} for any other (or no) Content-Type */
    static PatchMediaType of(Optional<HttpMediaType> contentType) {
        String given = contentType.map(type -> type.mediaType().text().toLowerCase(Locale.ROOT)).orElse(null);
        for (PatchMediaType type : values()) {
            if (type.mediaType.equals(given)) {
                return type;
            }
        }
        throw new HttpStatusException(415, "Unsupported Content-Type " + given + " for PATCH; use one of "
                + ACCEPT_PATCH, Map.of("Accept-Patch", ACCEPT_PATCH));
    }
}
