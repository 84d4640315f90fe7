package io.glance.application;

import static java.util.Objects.requireNonNull;

/**
 * What the host measured while the data streamed by: the byte count and the digests as lower-case hex.
 *
 * @param size      bytes read from the client
 * @param md5       Glance's {@code checksum}
 * @param sha512    Glance's {@code os_hash_value} ({@code os_hash_algo} {@code sha512})
 * @param virtualSize the disk size inside the image, as its format tells; {@code null} when not inspected or unknown
 */
record UploadDigests(long size, String md5, String sha512, Long virtualSize) {

    UploadDigests(long size, String md5, String sha512) {
        this(size, md5, sha512, null);
    }

    UploadDigests {
        requireNonNull(md5, "md5 is null");
        requireNonNull(sha512, "sha512 is null");
    }
}
