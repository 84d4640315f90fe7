package io.glance.application.cache;

import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The digest a cached copy of an image is verified against: the image's {@code os_hash_algo}/{@code os_hash_value}
 * when the JDK knows the algorithm, else its md5 {@code checksum}. Written {@code algo:hex}, as the cache records it.
 *
 * @param algorithm Glance's name of the algorithm ({@code sha512}, {@code md5}...)
 * @param hex       the expected value, lower-case hex
 */
record ImageDigest(String algorithm, String hex) {
    private static final Map<String, String> JDK_NAMES = Map.of("md5", "MD5", "sha1", "SHA-1", "sha224", "SHA-224",
            "sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512", "sha3_256", "SHA3-256",
            "sha3_512", "SHA3-512");

    /** @return empty when the image has no digest to verify a copy against (then it is never cached) */
    static Optional<ImageDigest> of(Image image) {
        ImageChecksums checksums = image.checksums();
        if (checksums == null) {
            return Optional.empty();
        }
        String algo = checksums.hashAlgo().toLowerCase(Locale.ROOT);
        if (JDK_NAMES.containsKey(algo) && !checksums.hashValue().isBlank()) {
            return Optional.of(new ImageDigest(algo, checksums.hashValue().toLowerCase(Locale.ROOT)));
        }
        if (!checksums.md5().isBlank()) {
            return Optional.of(new ImageDigest("md5", checksums.md5().toLowerCase(Locale.ROOT)));
        }
        return Optional.empty();
    }

    MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(JDK_NAMES.get(algorithm));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lost " + algorithm, e);
        }
    }

    boolean matches(MessageDigest computed) {
        return HexFormat.of().formatHex(computed.digest()).equals(hex);
    }

    /** {@code algo:hex}. */
    String text() {
        return algorithm + ":" + hex;
    }
}
