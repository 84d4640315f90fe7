package io.glance.http.connections;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Serves HTTP/1.0 clients (haproxy's default health check among them), which Helidon 4 answers with 505: the first
 * request of a connection, if it is HTTP/1.0, reaches the parser as the HTTP/1.1 request it is equivalent to — same
 * method, target and headers, {@code Connection: close} (HTTP/1.0 has no persistent connections here) and a
 * {@code Host} naming this server if the client sent none. Anything else passes through untouched.
 */
final class Http10Requests {
    /** Longer heads are left to the parser, which refuses them. */
    private static final int MAX_HEAD = 64 * 1024;
    private static final byte[] HTTP_10 = " HTTP/1.0".getBytes(StandardCharsets.US_ASCII);

    private final String localHost;
    private boolean done;

    Http10Requests(String localHost) {
        this.localHost = localHost;
    }

    boolean done() {
        return done;
    }

    /** Pulls until the first request line (and, for HTTP/1.0, the whole head) is in, and returns it, rewritten. */
    byte[] next(Supplier<byte[]> pull) {
        done = true;
        ByteArrayOutputStream buffered = new ByteArrayOutputStream();
        while (true) {
            byte[] more = pull.get();
            if (more == null) {
                return buffered.size() == 0 ? null : buffered.toByteArray();
            }
            buffered.writeBytes(more);
            byte[] bytes = buffered.toByteArray();
            int lineEnd = indexOf(bytes, (byte) '\n', 0);
            if (bytes.length > MAX_HEAD || (lineEnd >= 0 && !isHttp10(bytes, lineEnd))) {
                return bytes;
            }
            if (lineEnd >= 0) {
                int headEnd = headEnd(bytes);
                if (headEnd >= 0) {
                    return rewrite(bytes, headEnd);
                }
            }
        }
    }

    private static boolean isHttp10(byte[] bytes, int lineEnd) {
        int end = lineEnd > 0 && bytes[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        int start = end - HTTP_10.length;
        if (start < 0) {
            return false;
        }
        for (int i = 0; i < HTTP_10.length; i++) {
            if (bytes[start + i] != HTTP_10[i]) {
                return false;
            }
        }
        return true;
    }

    /** The index just past the blank line ending the head ({@code CRLF CRLF} or bare {@code LF LF}), or -1. */
    private static int headEnd(byte[] bytes) {
        for (int i = 1; i < bytes.length; i++) {
            if (bytes[i] == '\n' && (bytes[i - 1] == '\n' || (i >= 2 && bytes[i - 1] == '\r' && bytes[i - 2] == '\n'))) {
                return i + 1;
            }
        }
        return -1;
    }

    private byte[] rewrite(byte[] bytes, int headEnd) {
        String head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(List.of(head.split("\r?\n")));
        String requestLine = lines.removeFirst();
        StringBuilder out = new StringBuilder(headEnd + 64)
                .append(requestLine, 0, requestLine.length() - "1.0".length()).append("1.1\r\n");
        boolean hasHost = false;
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            String name = line.substring(0, Math.max(line.indexOf(':'), 0)).strip().toLowerCase(Locale.ROOT);
            if (name.equals("connection") || name.equals("keep-alive")) {
                continue;
            }
            hasHost |= name.equals("host");
            out.append(line).append("\r\n");
        }
        if (!hasHost) {
            out.append("Host: ").append(localHost).append("\r\n");
        }
        out.append("Connection: close\r\n\r\n");
        byte[] rewritten = out.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] result = new byte[rewritten.length + bytes.length - headEnd];
        System.arraycopy(rewritten, 0, result, 0, rewritten.length);
        System.arraycopy(bytes, headEnd, result, rewritten.length, bytes.length - headEnd);
        return result;
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
