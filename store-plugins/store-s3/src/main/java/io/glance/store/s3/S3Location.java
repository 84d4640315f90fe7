package io.glance.store.s3;

import io.glance.store.spi.ObjectNotFoundException;

import java.net.URI;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Where an image lives: {@code s3://<bucket>/<key>}, the key being the image id. Locations never carry the endpoint's
 * credentials; {@code s3+http} and {@code s3+https} (glance_store's forms) are read too, and their host part ignored.
 */
record S3Location(String bucket, String key) {

    static final Set<String> SCHEMES = Set.of("s3", "s3+http", "s3+https");

    S3Location {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
    }

    URI toUri() {
        return URI.create("s3://" + bucket + "/" + key);
    }

    /**
     * Reads a location of this store's bucket.
     *
     * @throws ObjectNotFoundException when it is not an s3 location of {@code expectedBucket}: there is nothing there
     */
    static S3Location parse(URI location, String expectedBucket) {
        requireNonNull(location, "location is null");
        String scheme = location.getScheme();
        if (scheme == null || !SCHEMES.contains(scheme)) {
            throw new ObjectNotFoundException("not an s3 location: " + safe(location));
        }
        String bucket;
        String key;
        String path = location.getPath() == null ? "" : location.getPath();
        if (scheme.equals("s3")) {
            bucket = location.getHost();
            key = path.startsWith("/") ? path.substring(1) : path;
        } else {
            // glance_store: s3+https://access:secret@host/bucket/key; only bucket and key matter here.
            String rest = path.startsWith("/") ? path.substring(1) : path;
            int slash = rest.indexOf('/');
            bucket = slash < 0 ? rest : rest.substring(0, slash);
            key = slash < 0 ? "" : rest.substring(slash + 1);
        }
        if (bucket == null || key.isEmpty() || key.contains("/")) {
            throw new ObjectNotFoundException("malformed s3 location: " + safe(location));
        }
        if (!bucket.equals(expectedBucket)) {
            throw new ObjectNotFoundException("location " + safe(location) + " is not in bucket " + expectedBucket);
        }
        return new S3Location(bucket, key);
    }

    /** The location without any user info, for messages. */
    static String safe(URI location) {
        if (location.getRawUserInfo() == null) {
            return location.toString();
        }
        return location.getScheme() + "://***@" + location.getHost()
                + (location.getPort() < 0 ? "" : ":" + location.getPort()) + location.getRawPath();
    }
}
