package io.glance.application;

import static java.util.Objects.requireNonNull;

/**
 * What the host measured while the data streamed by: the byte count and the digests as lower-case hex.
 *
 * @param size      bytes read from the client
 * @param md5       Glance's {@code checksum}
 * @param sha512    Glance's {@code os_hash_value} ({@code os_hash_algo} {@code sha512})
 */
record UploadDigests(long size, String md5, String sha512) {

    UploadDigests {
        requireNonNull(md5, "md5 is null");
        requireNonNull(sha512, "sha512 is null");
    }
}
