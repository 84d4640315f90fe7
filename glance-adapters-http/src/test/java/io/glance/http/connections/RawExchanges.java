package io.glance.http.connections;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Raw HTTP/1.1 exchanges with a test server behind the guard, sent as the bytes a test chooses (pieces, pauses,
 * pipelined requests), and the bytes such tests send and check.
 */
final class RawExchanges {
    private RawExchanges() {
    }

    /** What a test writes on the connection. */
    interface Sending {
        void send(OutputStream out) throws IOException;
    }

    /**
     * Sends on a separate thread (the server answers while it is still being sent) and reads the connection to its
     * end: every answer the server gave, as text.
     */
    static String exchange(int port, Sending sending) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    sending.send(out);
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            writing.get();
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** {@code size} random bytes, the same for the same size. */
    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
