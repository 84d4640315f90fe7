package io.glance.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 answer read from a connection the client wrote the request on itself ({@link PlainExchange}): the
 * status line, the headers, and the body as a stream that ends where the answer does (Content-Length, chunked, or
 * the connection's end). Interim 1xx answers are skipped.
 */
final class HttpAnswer {
    /** Longest status or header line accepted; glance-api's are far shorter. */
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;

    final int status;
    final Map<String, List<String>> headers;
    final InputStream body;

    private HttpAnswer(int status, Map<String, List<String>> headers, InputStream body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** Reads the head from {@code in} (buffered by the caller) and wraps what follows as the body. */
    static HttpAnswer read(InputStream in, String method) throws IOException {
        while (true) {
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x answer: '" + abbreviate(statusLine) + "'");
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("bad status in '" + abbreviate(statusLine) + "'", e);
            }
            Map<String, List<String>> headers = headers(in);
            if (status >= 100 && status < 200) {
                continue;
            }
            return new HttpAnswer(status, headers, body(in, method, status, headers));
        }
    }

    private static Map<String, List<String>> headers(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String line = line(in);
            if (line.isEmpty()) {
                return headers;
            }
            if (count == MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " header lines in the answer");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("bad header line '" + abbreviate(line) + "'");
            }
            headers.computeIfAbsent(line.substring(0, colon).strip(), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
    }

    private static InputStream body(InputStream in, String method, int status, Map<String, List<String>> headers)
            throws IOException {
        if (method.equals("HEAD") || status == 204 || status == 304) {
            return InputStream.nullInputStream();
        }
        String encoding = first(headers, "Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return new Chunked(in);
        }
        String length = first(headers, "Content-Length");
        if (length != null) {
            try {
                return new Sized(in, Long.parseLong(length.strip()));
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length '" + abbreviate(length) + "'", e);
            }
        }
        return in; // no length: the body runs to the connection's end
    }

    static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().getFirst();
            }
        }
        return null;
    }

    /** One CRLF- (or LF-) terminated line, without its terminator. */
    static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the connection ended inside the answer's head"
                        + (line.isEmpty() ? "" : " after '" + abbreviate(line.toString()) + "'"));
            }
            if (c == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() == MAX_LINE) {
                throw new IOException("a line of the answer's head is longer than " + MAX_LINE + " bytes");
            }
            line.append((char) c);
        }
    }

    private static String abbreviate(String text) {
        String shown = new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return shown.length() <= 100 ? shown : shown.substring(0, 100) + "...";
    }

    /** A body of Content-Length bytes; the connection ending before them is an error. */
    private static final class Sized extends InputStream {
        private final InputStream in;
        private long left;

        Sized(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left == 0) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new EOFException("the answer's body ended " + left + " bytes short of its Content-Length");
            }
            left -= n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A chunked body: chunk sizes in hex, extensions and trailers ignored. */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean ended;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            if (left == 0) {
                String size = line(in);
                int extension = size.indexOf(';');
                try {
                    left = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).strip(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size '" + abbreviate(size) + "'", e);
                }
                if (left == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers: none are used
                    }
                    ended = true;
                    return -1;
                }
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new EOFException("the answer's body ended inside a chunk");
            }
            left -= n;
            if (left == 0) {
                line(in); // the CRLF after the chunk's data
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
