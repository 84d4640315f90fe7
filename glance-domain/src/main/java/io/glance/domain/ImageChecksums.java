package io.glance.domain;

import java.util.Objects;

/**
 * The digests of an image's data: md5 (Glance's legacy {@code checksum}) and the multihash
 * ({@code os_hash_algo}, {@code os_hash_value}), all lower-case hex.
 */
public record ImageChecksums(String md5, String hashAlgo, String hashValue) {
    public static final String DEFAULT_HASH_ALGO = "sha512";

    public ImageChecksums {
        Objects.requireNonNull(md5, "md5 is null");
        Objects.requireNonNull(hashAlgo, "hashAlgo is null");
        Objects.requireNonNull(hashValue, "hashValue is null");
    }
}
