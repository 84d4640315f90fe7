package io.glance.server.imports;

import io.glance.wire.HttpAnswer;
import io.glance.wire.HttpAnswerReader;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One HTTP/1.1 GET of a plain {@code http:} URI over a {@link SocketChannel}, to the address that was checked (no
 * second lookup between the check and the connection). The body is a channel: a caller's direct buffer is filled
 * straight from the socket, where {@link java.net.HttpURLConnection}'s stream copies every byte from the JDK's direct
 * buffer into a heap array, and the file write copies it back into another direct buffer (those two copies were 17 %
 * of a web-download's CPU; bench/README, web-download.sh). The answer is read by the shared
 * {@link HttpAnswerReader} (interim 1xx answers skipped; Content-Length, chunked or to the connection's end; a body
 * cut short is an error); {@code Connection: close}, so nothing is pooled. A read that waits longer than the read
 * timeout fails ({@link TimedSocketReads}).
 */
final class PlainHttpGet implements ReadableByteChannel {
    /** The most the answer's head may have; also the reader's buffer. */
    private static final int HEAD_LIMIT = HttpAnswerReader.DEFAULT_HEAD_LIMIT;

    private final HttpAnswer answer;

    private PlainHttpGet(HttpAnswer answer) {
        this.answer = answer;
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
        TimedSocketReads reads = null;
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
            reads = new TimedSocketReads(socket, readTimeout.toMillis());
            return new PlainHttpGet(new HttpAnswerReader(reads, HEAD_LIMIT).next("GET"));
        } catch (IOException | RuntimeException e) {
            if (reads != null) {
                reads.close(); // its selector and the socket
            } else {
                socket.close();
            }
            throw e;
        }
    }

    private static String target(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    int status() {
        return answer.status();
    }

    /** A header's value (several occurrences joined by ", "), or {@code null}. */
    String header(String name) {
        List<String> values = answer.headers().get(name);
        return values == null ? null : String.join(", ", values);
    }

    /** The Content-Length of a sized body, or {@code -1}. */
    long contentLength() {
        return answer.contentLength();
    }

    /** The body as a stream, for callers that read one (each read goes through the channel). */
    InputStream stream() {
        return answer.body().stream();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return answer.body().read(dst);
    }

    @Override
    public boolean isOpen() {
        return answer.body().isOpen();
    }

    @Override
    public void close() throws IOException {
        answer.body().close();
    }
}
