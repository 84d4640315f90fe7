package io.glance.server.imports;

import com.sun.net.httpserver.HttpServer;
import io.glance.domain.InvalidInputException;
import io.glance.ports.out.WebDownloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fetch itself, against two small HTTP servers on loopback (an origin and a redirect target on another port):
 * redirects are followed by hand, headers go to the first origin only, a redirect the filter refuses stops the fetch,
 * an error status names itself as glance-download expects ("answered 404").
 */
class FilteredWebDownloadsTest {
    private static final byte[] BODY = "the image bytes".getBytes(StandardCharsets.UTF_8);

    private final Map<String, String> tokensSeen = new ConcurrentHashMap<>();
    private HttpServer origin;
    private HttpServer elsewhere;

    @BeforeEach
    void start() throws IOException {
        elsewhere = server();
        elsewhere.createContext("/data", exchange -> {
            tokensSeen.put("elsewhere", String.valueOf(exchange.getRequestHeaders().getFirst("X-Auth-Token")));
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        origin = server();
        origin.createContext("/start", exchange -> {
            tokensSeen.put("origin", String.valueOf(exchange.getRequestHeaders().getFirst("X-Auth-Token")));
            exchange.getResponseHeaders().add("Location", base(elsewhere) + "/data");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        origin.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        origin.start();
        elsewhere.start();
    }

    @AfterEach
    void stop() {
        origin.stop(0);
        elsewhere.stop(0);
    }

    @Test
    void followsARedirectByHandAndSendsTheHeadersToTheFirstOriginOnly() throws IOException {
        FilteredWebDownloads downloads = new FilteredWebDownloads(filter(port(origin), port(elsewhere)));

        WebDownloads.Body body = downloads.open(URI.create(base(origin) + "/start"), Map.of("X-Auth-Token", "secret"));

        try (InputStream data = body.data()) {
            assertThat(data.readAllBytes()).isEqualTo(BODY);
        }
        assertThat(body.contentLength()).isEqualTo(BODY.length);
        assertThat(tokensSeen).containsEntry("origin", "secret").containsEntry("elsewhere", "null");
    }

    /**
     * Plain http gives the body as a channel too (read straight into a direct buffer), whether it has a
     * Content-Length or comes in chunks.
     */
    @Test
    void aPlainHttpBodyIsAChannelWithALengthOrInChunks() throws IOException {
        byte[] big = new byte[700_000];
        new java.util.Random(3).nextBytes(big);
        elsewhere.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int offset = 0; offset < big.length; offset += 50_000) {
                    out.write(big, offset, Math.min(50_000, big.length - offset));
                    out.flush();
                }
            }
        });
        FilteredWebDownloads downloads = new FilteredWebDownloads(filter(port(origin), port(elsewhere)));

        WebDownloads.Body sized = downloads.open(URI.create(base(origin) + "/start"));
        try (java.nio.channels.ReadableByteChannel channel = sized.channel()) {
            assertThat(channel).isNotNull();
            assertThat(readAll(channel)).isEqualTo(BODY);
        }
        assertThat(sized.contentLength()).isEqualTo(BODY.length);

        WebDownloads.Body chunked = downloads.open(URI.create(base(elsewhere) + "/chunked"));
        assertThat(chunked.contentLength()).isEqualTo(-1);
        try (java.nio.channels.ReadableByteChannel channel = chunked.channel()) {
            assertThat(readAll(channel)).isEqualTo(big);
        }
        try (InputStream data = downloads.open(URI.create(base(elsewhere) + "/chunked")).data()) {
            assertThat(data.readAllBytes()).isEqualTo(big);
        }
    }

    private static byte[] readAll(java.nio.channels.ReadableByteChannel channel) throws IOException {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(64 * 1024);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (channel.read(buffer) >= 0) {
            buffer.flip();
            byte[] part = new byte[buffer.remaining()];
            buffer.get(part);
            out.write(part);
            buffer.clear();
        }
        return out.toByteArray();
    }

    /**
     * A server may send interim answers before the final one (103 Early Hints from a CDN, 100 Continue): they are
     * passed over, not taken for the answer ("answered 103").
     */
    @Test
    void interimAnswersBeforeTheFinalOneArePassedOver() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> {
                try (Socket socket = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(
                            socket.getInputStream(), StandardCharsets.ISO_8859_1));
                    while (!in.readLine().isEmpty()) {
                        // the GET's head
                    }
                    socket.getOutputStream().write(("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
                            + "HTTP/1.1 200 OK\r\nContent-Length: " + BODY.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().write(BODY);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            FilteredWebDownloads downloads = new FilteredWebDownloads(filter(server.getLocalPort()));

            WebDownloads.Body body = downloads.open(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/x"));

            try (InputStream data = body.data()) {
                assertThat(data.readAllBytes()).isEqualTo(BODY);
            }
            assertThat(body.contentLength()).isEqualTo(BODY.length);
            answered.get();
        }
    }

    @Test
    void aRedirectToAPortTheFilterRefusesStopsTheFetch() {
        FilteredWebDownloads downloads = new FilteredWebDownloads(filter(port(origin)));

        assertThatThrownBy(() -> downloads.open(URI.create(base(origin) + "/start")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("was redirected to " + base(elsewhere) + "/data")
                .hasMessageContaining("does not pass filtering");
        assertThat(tokensSeen).doesNotContainKey("elsewhere");
    }

    @Test
    void anErrorStatusNamesItself() {
        FilteredWebDownloads downloads = new FilteredWebDownloads(filter(port(origin)));
        URI missing = URI.create(base(origin) + "/missing");

        assertThatThrownBy(() -> downloads.open(missing)).isInstanceOf(IOException.class)
                .hasMessageEndingWith(missing + " answered 404");
    }

    private static ImportFilter filter(Integer... ports) {
        return new ImportFilter(List.of("http"), List.of(), List.of("127.0.0.1"), List.of(), List.of(ports),
                List.of());
    }

    private static HttpServer server() throws IOException {
        return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    }

    private static int port(HttpServer server) {
        return server.getAddress().getPort();
    }

    private static String base(HttpServer server) {
        return "http://127.0.0.1:" + port(server);
    }
}
