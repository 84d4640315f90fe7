package io.glance.http.data;

import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The validators of an image's data. The bytes of an image never change once it is active (a second upload is a
 * 409), so a digest of them is a strong ETag, the same on 200, 206, 304 and HEAD, and the time the data became
 * active is its Last-Modified.
 *
 * @param etag         the quoted strong entity-tag, or {@code null} when the image has no digest (data registered
 *                     by location)
 * @param lastModified when the data became active, to the second, or {@code null} when unknown
 * @param reprDigest   RFC 9530's {@code Repr-Digest} value, or {@code null} when the digest is not one it defines
 */
public record DataValidator(String etag, Instant lastModified, String reprDigest) {
    /** RFC 9530's names for the hash algorithms Glance's {@code os_hash_algo} can hold. */
    private static final Map<String, String> DIGEST_NAMES = Map.of("sha512", "sha-512", "sha256", "sha-256");

    /** API v2: {@code "sha512:<os_hash_value>"}, the multihash the clients verify. */
    public static DataValidator v2(Image image) {
        ImageChecksums sums = image.checksums();
        String etag = sums == null ? null : "\"" + sums.hashAlgo() + ":" + sums.hashValue() + "\"";
        return new DataValidator(etag, lastModified(image), reprDigest(sums));
    }

    /** API v1: the md5 Glance v1 sends as its ETag, quoted as RFC 9110 requires. */
    public static DataValidator v1(Image image) {
        ImageChecksums sums = image.checksums();
        String etag = sums == null ? null : "\"" + sums.md5() + "\"";
        return new DataValidator(etag, lastModified(image), reprDigest(sums));
    }

    private static Instant lastModified(Image image) {
        return image.activatedAt() == null ? null : image.activatedAt().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String reprDigest(ImageChecksums sums) {
        if (sums == null || !DIGEST_NAMES.containsKey(sums.hashAlgo())) {
            return null;
        }
        try {
            byte[] digest = HexFormat.of().parseHex(sums.hashValue());
            return DIGEST_NAMES.get(sums.hashAlgo()) + "=:" + Base64.getEncoder().encodeToString(digest) + ":";
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }
}
