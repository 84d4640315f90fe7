package com.example.glance.cas;

import io.glance.store.spi.ObjectNotFoundException;

import java.net.URI;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Locations of one {@code cas} store: {@code cas://<store id>/<image id>}. The store id in the authority keeps two
 * cas stores apart; the image id (not the digest) in the path means a location stays valid when identical content
 * is uploaded or deleted for other images.
 */
final class CasLocations {
    static final String SCHEME = "cas";

    /** Image ids are UUIDs; any plain, visible file name is accepted, as it names the image's pointer file. */
    private static final Pattern IMAGE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private final String storeId;

    CasLocations(String storeId) {
        this.storeId = requireNonNull(storeId, "storeId is null");
    }

    static boolean isImageId(String name) {
        return IMAGE_ID.matcher(name).matches();
    }

    /** @throws IllegalArgumentException when {@code imageId} cannot name a pointer file */
    static String requireImageId(String storeId, String imageId) {
        requireNonNull(imageId, "imageId is null");
        if (!isImageId(imageId)) {
            throw new IllegalArgumentException("image id cannot be stored in cas store '" + storeId + "': '"
                    + imageId + "'");
        }
        return imageId;
    }

    URI locationOf(String imageId) {
        return URI.create(SCHEME + "://" + storeId + "/" + requireImageId(storeId, imageId));
    }

    /**
     * The image id a location of this store names. Locations come from the database (and image owners may set
     * them), so anything that is not exactly one of ours counts as "no object here".
     *
     * @throws ObjectNotFoundException when the location does not belong to this store
     */
    String imageIdOf(URI location) {
        requireNonNull(location, "location is null");
        if (!SCHEME.equalsIgnoreCase(location.getScheme())) {
            throw notHere(location, "not a " + SCHEME + ": location");
        }
        if (!storeId.equals(location.getAuthority())) {
            throw notHere(location, "it belongs to store '" + location.getAuthority() + "'");
        }
        String path = location.getPath();
        if (path == null || !path.startsWith("/") || location.getQuery() != null || location.getFragment() != null
                || !isImageId(path.substring(1))) {
            throw notHere(location, "it does not name an image");
        }
        return path.substring(1);
    }

    ObjectNotFoundException notFound(URI location, Exception cause) {
        return new ObjectNotFoundException("no object at " + location + " in cas store '" + storeId + "'", cause);
    }

    private ObjectNotFoundException notHere(URI location, String reason) {
        return new ObjectNotFoundException("no object at " + location + " in cas store '" + storeId + "': "
                + reason);
    }
}
