package io.glance.client;

import io.glance.wire.HttpAnswer;
import io.glance.wire.HttpAnswerReader;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A data request over plain http written by the client itself on a SocketChannel: the request's head, then (an
 * upload) the file handed to the kernel with FileChannel.transferTo (sendfile), then the answer read
 * (glance-http-wire's {@link HttpAnswerReader}) with (a download) its body straight from the channel.
 * <p>Upload: HttpURLConnection takes the body only as a byte[] stream, so each block is read from the page cache into
 * the heap, copied into a direct buffer and copied again into the socket; sendfile leaves one copy, in the kernel.
 * Measured on loopback (bench/client.sh, busy machine): 0.18-0.22 client CPU s per GiB against 0.52-0.60 through
 * HttpURLConnection and curl's 0.75.
 * <p>Download: HttpURLConnection's socket reads at most 128 KiB per read(2) (the JDK's NioSocketImpl), eight calls and
 * wake-ups per 1 MiB block; the channel's stream takes up to the whole block per call.
 * <p>https keeps HttpURLConnection (TLS encrypts in the JVM anyway). One request per connection
 * ({@code Connection: close}): a data request is one long request, a new connection is noise.
 */
final class PlainExchange {
    private PlainExchange() {
    }

    /** Whether a request with {@code body} to {@code uri} goes this way: plain http, and no body or a file region. */
    static boolean applies(URI uri, DataBody body) {
        return (body == null || body.transfersFromFile()) && "http".equalsIgnoreCase(uri.getScheme());
    }

    /**
     * Sends the request and returns the answer, still streaming; closing it closes the connection.
     *
     * @throws DataBody.SourceException the file could not be read or ran short (nothing worth sending again)
     * @throws IOException              the connection failed and the server gave no answer before it did
     */
    static DataResponse exchange(URI uri, String method, Map<String, String> headers, DataBody body,
            Duration connectTimeout) throws IOException {
        if (body != null && !body.transfersFromFile()) {
            throw new IllegalArgumentException("only a file region or no body is sent this way");
        }
        SocketChannel channel = SocketChannel.open();
        boolean handedOver = false;
        try {
            channel.socket().connect(address(uri), connectTimeout == null ? 0 : (int) connectTimeout.toMillis());
            channel.socket().setTcpNoDelay(true);
            writeHead(channel, head(uri, method, headers, body == null ? -1 : body.length()));
            IOException sendFailure = null;
            try {
                if (body != null) {
                    body.transferTo(channel);
                }
            } catch (DataBody.SourceException e) {
                throw e;
            } catch (IOException e) {
                // glance-api may have answered early (413 too large, 400 refused format) and closed: its answer
                // is what the caller should see, if it can still be read
                sendFailure = e;
            }
            // the head is read through the reader's buffer; reads of a body block as large (a download's 1 MiB)
            // go past it, from the channel into the caller's array
            HttpAnswer answer;
            try {
                answer = new HttpAnswerReader(channel, HttpAnswerReader.DEFAULT_HEAD_LIMIT).next(method);
            } catch (IOException noAnswer) {
                if (sendFailure != null) {
                    sendFailure.addSuppressed(noAnswer);
                    throw sendFailure;
                }
                throw noAnswer;
            }
            DataResponse response = new DataResponse(answer.status(), answer.headers(), answer.body().stream(),
                    () -> closeQuietly(channel));
            handedOver = true;
            return response;
        } finally {
            if (!handedOver) {
                closeQuietly(channel);
            }
        }
    }

    private static InetSocketAddress address(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("no host in " + uri);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, uri.getPort() < 0 ? 80 : uri.getPort());
    }

    /** The request's head; {@code length} -1: no body, so no Content-Length. */
    static String head(URI uri, String method, Map<String, String> headers, long length) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        all.putAll(headers);
        if (length >= 0) {
            all.put("Content-Length", Long.toString(length));
        }
        all.put("Connection", "close");
        StringBuilder head = new StringBuilder(method).append(' ').append(target(uri)).append(" HTTP/1.1\r\n");
        all.forEach((name, value) -> {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || name.indexOf(':') >= 0) {
                throw new IllegalArgumentException("header " + name + " has a line break or a colon in its name or "
                        + "value");
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        return head.append("\r\n").toString();
    }

    private static String target(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    private static void writeHead(SocketChannel channel, String head) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(head.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the exchange is over or failed; nothing depends on the close
        }
    }
}
