package io.glance.store.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads streams to their end in small buffers, so objects of any size are checked without holding them. */
public final class Digests {
    private static final int BUFFER_SIZE = 64 * 1024;

    private Digests() {
    }

    /** What a stream held: its length and SHA-256. */
    public record Content(long length, String sha256) {
    }

    /** The content a {@link PatternInputStream} with this size and seed delivers. */
    public static Content ofPattern(long size, long seed) {
        return of(new PatternInputStream(size, seed));
    }

    /** Reads {@code stream} to its end (without closing it) and returns what it held. */
    public static Content of(InputStream stream) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER_SIZE];
        long length = 0;
        try {
            for (int count = stream.read(buffer); count >= 0; count = stream.read(buffer)) {
                digest.update(buffer, 0, count);
                length += count;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the object failed after " + length + " bytes", e);
        }
        return new Content(length, HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
