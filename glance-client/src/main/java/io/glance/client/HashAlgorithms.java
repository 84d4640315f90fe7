package io.glance.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/** hashlib's algorithm names (what {@code os_hash_algo} holds) to the JDK's. */
final class HashAlgorithms {
    private static final Map<String, String> JDK_NAMES = Map.of("md5", "MD5", "sha1", "SHA-1", "sha224", "SHA-224",
            "sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512", "sha3_256", "SHA3-256",
            "sha3_512", "SHA3-512");

    private HashAlgorithms() {
    }

    static MessageDigest digest(String hashlibName) {
        String name = JDK_NAMES.get(hashlibName.toLowerCase(Locale.ROOT));
        if (name == null) {
            throw new GlanceClientException(0, "", "cannot verify a download hashed with unknown algorithm '"
                    + hashlibName + "'");
        }
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + name, e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
