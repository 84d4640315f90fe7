package io.glance.server.imports;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 GET of a plain {@code http:} URI over a {@link SocketChannel}, to the address that was checked (no
 * second lookup between the check and the connection). The body is a channel: a caller's direct buffer is filled
 * straight from the socket, where {@link java.net.HttpURLConnection}'s stream copies every byte from the JDK's direct
 * buffer into a heap array, and the file write copies it back into another direct buffer (those two copies were 17 %
 * of a web-download's CPU; bench/README, web-download.sh). Bodies of a Content-Length, chunked or ending with the
 * connection; {@code Connection: close}, so nothing is pooled. A read that waits longer than the read timeout fails.
 */
final class PlainHttpGet implements ReadableByteChannel {
    /** The status line and headers must fit in this (the rest of the buffer's first fill is body). */
    private static final int HEAD_LIMIT = 64 * 1024;

    private final SocketChannel socket;
    private final Selector selector;
    private final long readTimeoutMillis;
    /** Bytes read from the socket and not handed out yet (head, chunk lines, the body's first bytes). */
    private final ByteBuffer pending = ByteBuffer.allocate(HEAD_LIMIT);
    private final int status;
    private final Map<String, String> headers;
    private final boolean chunked;
    /** Identity body: bytes left ({@code -1}: until the connection ends). Chunked: bytes left in this chunk. */
    private long left;
    private boolean lastChunkSeen;
    private boolean open = true;

    private PlainHttpGet(SocketChannel socket, Selector selector, long readTimeoutMillis) throws IOException {
        this.socket = socket;
        this.selector = selector;
        this.readTimeoutMillis = readTimeoutMillis;
        pending.flip();
        String head = readHead();
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP/1.x answer: " + lines[0]);
        }
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IOException("Not an HTTP/1.x answer: " + lines[0], e);
        }
        headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        String encoding = headers.getOrDefault("transfer-encoding", "");
        chunked = encoding.toLowerCase(Locale.ROOT).contains("chunked");
        if (chunked) {
            left = 0;
        } else {
            left = contentLength();
        }
    }

    /**
     * Connects to {@code address} (the checked one) at the URI's port and sends the GET; the answer's head is read.
     *
     * @throws SocketTimeoutException when connecting or the head takes longer than the timeouts
     */
    static PlainHttpGet send(URI uri, InetAddress address, Map<String, String> extraHeaders,
                             Duration connectTimeout, Duration readTimeout) throws IOException {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        SocketChannel socket = SocketChannel.open();
        Selector selector = null;
        try {
            socket.socket().connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
            socket.socket().setTcpNoDelay(true);
            StringBuilder request = new StringBuilder("GET ").append(target(uri)).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getRawAuthority().substring(
                            uri.getRawAuthority().lastIndexOf('@') + 1)).append("\r\n")
                    .append("User-Agent: glance-java import\r\nAccept: */*\r\nConnection: close\r\n");
            extraHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            ByteBuffer out = ByteBuffer.wrap(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            while (out.hasRemaining()) {
                socket.write(out);
            }
            socket.configureBlocking(false);
            selector = Selector.open();
            socket.register(selector, SelectionKey.OP_READ);
            return new PlainHttpGet(socket, selector, readTimeout.toMillis());
        } catch (IOException | RuntimeException e) {
            if (selector != null) {
                selector.close();
            }
            socket.close();
            throw e;
        }
    }

    private static String target(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    int status() {
        return status;
    }

    /** A header's value (several occurrences joined by ", "), or {@code null}. */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The Content-Length of an identity body, or {@code -1}. */
    long contentLength() throws IOException {
        String value = headers.get("content-length");
        if (value == null || chunked) {
            return -1;
        }
        try {
            long length = Long.parseLong(value.trim());
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("Bad Content-Length: " + value, e);
        }
    }

    /** The body as a stream, for callers that read one (each read goes through the channel). */
    InputStream stream() {
        return Channels.newInputStream(this);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) {
            throw new java.nio.channels.ClosedChannelException();
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (chunked) {
            if (left == 0) {
                if (lastChunkSeen || !nextChunk()) {
                    return -1;
                }
            }
        } else if (left == 0) {
            return -1;
        }
        int room = left < 0 ? dst.remaining() : (int) Math.min(dst.remaining(), left);
        int read;
        if (pending.hasRemaining()) {
            read = Math.min(room, pending.remaining());
            dst.put(dst.position(), pending, pending.position(), read);
            dst.position(dst.position() + read);
            pending.position(pending.position() + read);
        } else {
            ByteBuffer window = room == dst.remaining() ? dst : dst.slice(dst.position(), room);
            read = readSocket(window);
            if (window != dst && read > 0) {
                dst.position(dst.position() + read);
            }
            if (read < 0) {
                if (chunked) {
                    throw new IOException("The connection ended inside the chunked body");
                }
                // A body shorter than its Content-Length ends here; the import compares the count with the length.
                left = 0;
                return -1;
            }
        }
        if (left > 0) {
            left -= read;
        }
        return read;
    }

    /** Reads the next chunk's size line (after the previous chunk's CRLF); false at the last chunk. */
    private boolean nextChunk() throws IOException {
        String line = readLine();
        if (line.isEmpty()) {
            // The CRLF that ends the previous chunk's data.
            line = readLine();
        }
        int extension = line.indexOf(';');
        String size = (extension < 0 ? line : line.substring(0, extension)).trim();
        try {
            left = Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
            throw new IOException("Bad chunk size line: " + line, e);
        }
        if (left < 0) {
            throw new IOException("Bad chunk size line: " + line);
        }
        if (left == 0) {
            lastChunkSeen = true;
            return false;
        }
        return true;
    }

    /** Reads the head up to its empty line; what follows it stays in {@link #pending}. */
    private String readHead() throws IOException {
        while (true) {
            int end = find(pending, "\r\n\r\n");
            if (end >= 0) {
                String head = text(pending, end);
                pending.position(pending.position() + end + 4);
                return head;
            }
            if (!fill()) {
                throw new IOException("The connection ended inside the answer's headers");
            }
        }
    }

    private String readLine() throws IOException {
        while (true) {
            int end = find(pending, "\r\n");
            if (end >= 0) {
                String line = text(pending, end);
                pending.position(pending.position() + end + 2);
                return line;
            }
            if (!fill()) {
                throw new IOException("The connection ended inside a chunk size line");
            }
        }
    }

    /** Reads more into {@link #pending}; false at the connection's end. */
    private boolean fill() throws IOException {
        pending.compact();
        try {
            if (!pending.hasRemaining()) {
                throw new IOException("The answer's head or a chunk line is longer than " + HEAD_LIMIT + " bytes");
            }
            return readSocket(pending) >= 0;
        } finally {
            pending.flip();
        }
    }

    /** A read that waits at most the read timeout for data; -1 at the end. */
    private int readSocket(ByteBuffer dst) throws IOException {
        long deadline = System.nanoTime() + readTimeoutMillis * 1_000_000;
        while (true) {
            int read = socket.read(dst);
            if (read != 0) {
                return read;
            }
            long wait = (deadline - System.nanoTime()) / 1_000_000;
            if (wait <= 0) {
                throw new SocketTimeoutException("No data from the server for " + readTimeoutMillis + " ms");
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new java.io.InterruptedIOException("Interrupted while waiting for the server's data");
            }
            // Cleared first: a key still in the selected set would not be counted again, and the wait would end at once.
            selector.selectedKeys().clear();
            selector.select(wait);
        }
    }

    private static int find(ByteBuffer buffer, String what) {
        byte[] needle = what.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = buffer.position(); i + needle.length <= buffer.limit(); i++) {
            boolean match = true;
            for (int j = 0; j < needle.length && match; j++) {
                match = buffer.get(i + j) == needle[j];
            }
            if (match) {
                return i - buffer.position();
            }
        }
        return -1;
    }

    private static String text(ByteBuffer buffer, int length) {
        byte[] bytes = new byte[length];
        buffer.get(buffer.position(), bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        if (!open) {
            return;
        }
        open = false;
        try {
            selector.close();
        } finally {
            socket.close();
        }
    }
}
