package io.glance.application;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Data for uploads and the digests they must end up with. */
final class TestData {

    private TestData() {
    }

    static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Delivers {@code good} bytes, then fails as a connection reset by the client does. */
    static InputStream failingAfter(int good) {
        return new InputStream() {
            private final InputStream data = new ByteArrayInputStream(bytes(good));

            @Override
            public int read() throws IOException {
                int b = data.read();
                if (b < 0) {
                    throw new IOException("Connection reset by peer");
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int count = data.read(buffer, offset, length);
                if (count < 0) {
                    throw new IOException("Connection reset by peer");
                }
                return count;
            }
        };
    }

    /** Runs {@code action} once, when the reader has taken {@code after} bytes, then delivers the rest. */
    static InputStream withActionAfter(byte[] bytes, int after, Runnable action) {
        return new InputStream() {
            private final InputStream data = new ByteArrayInputStream(bytes);
            private int delivered;
            private boolean done;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (!done && delivered >= after) {
                    done = true;
                    action.run();
                }
                int count = data.read(buffer, offset, done ? length : Math.min(length, after - delivered));
                if (count > 0) {
                    delivered += count;
                }
                return count;
            }
        };
    }
}
